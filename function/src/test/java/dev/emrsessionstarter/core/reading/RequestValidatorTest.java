package dev.emrsessionstarter.core.reading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.testing.TestSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RequestValidator validator = new RequestValidator(TestSettings.sample().build().requestPolicy());

    @Test
    void a_complete_valid_request_passes_with_every_field_kept() {
        Validation validation = validate("""
                {"applicationId": "00fkabc123xyz",
                 "executionRoleArn": "arn:aws:iam::123456789012:role/EmrSessionRole",
                 "name": "nightly-exploration", "idleTimeoutMinutes": 60,
                 "configurationOverrides": {"runtimeConfiguration": [
                   {"classification": "spark-defaults", "properties": {"spark.executor.memory": "4g"},
                    "configurations": [{"classification": "export", "properties": {"A": "b"}}]}]},
                 "tags": {"team": "analytics", "empty": ""},
                 "idempotencyKey": "k-1", "clientToken": "tok.1_-", "correlationId": "c-1"}""");

        assertThat(validation.isValid()).isTrue();
        SessionRequest request = validation.request();
        assertThat(request.applicationId()).isEqualTo("00fkabc123xyz");
        assertThat(request.idleTimeoutMinutes()).isEqualTo(60L);
        assertThat(request.runtimeConfiguration()).singleElement().satisfies(configuration -> {
            assertThat(configuration.properties()).containsEntry("spark.executor.memory", "4g");
            assertThat(configuration.configurations()).singleElement()
                    .extracting(RuntimeConfiguration::classification).isEqualTo("export");
        });
        assertThat(request.tags()).containsEntry("team", "analytics").containsEntry("empty", "");
        assertThat(request.clientToken()).isEqualTo("tok.1_-");
    }

    @Test
    void every_violation_is_reported_with_its_field_path_not_just_the_first() {
        Validation validation = validate("""
                {"applicationId": "NOT-VALID", "executionRoleArn": "arn:aws:iam::12:user/x",
                 "idleTimeoutMinutes": 1000001, "idleTimeoutMinute": 5, "name": "   ",
                 "tags": {"bad key!": "v", "ok": "bad value!"},
                 "configurationOverrides": {"runtimeConfiguration": [{"properties": {"k": ""}}]}}""");

        assertThat(validation.isValid()).isFalse();
        assertThat(validation.violations()).extracting(Violation::toString).containsExactlyInAnyOrder(
                "\"idleTimeoutMinute\": is not a known field (did you mean idleTimeoutMinutes?)",
                "applicationId: must match ^[0-9a-z]+$",
                "executionRoleArn: must match an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<path/><name>)",
                "name: must contain a non-whitespace character",
                "idleTimeoutMinutes: must be between 0 and 1000000",
                "configurationOverrides.runtimeConfiguration[0].classification: is required",
                "configurationOverrides.runtimeConfiguration[0].properties[\"k\"]: must contain a non-whitespace character",
                "tags[\"bad key!\"]: key must match ^[A-Za-z0-9 /_.:=+@-]+$",
                "tags[\"ok\"]: must match ^[A-Za-z0-9 /_.:=+@-]*$");
        assertThat(validation.violationCount()).isEqualTo(9);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"applicationId\": 5}                         | applicationId: must be a string (was a number)",
        "{\"applicationId\": \"\"}                      | applicationId: length must be 1 to 64 characters (was 0)",
        "{\"idleTimeoutMinutes\": \"60\"}               | idleTimeoutMinutes: must be a number (was a string)",
        "{\"idleTimeoutMinutes\": 60.5}                 | idleTimeoutMinutes: must be a whole number",
        "{\"idleTimeoutMinutes\": -1}                   | idleTimeoutMinutes: must be between 0 and 1000000",
        "{\"idleTimeoutMinutes\": 99999999999999999999999} | idleTimeoutMinutes: must be between 0 and 1000000",
        "{\"tags\": []}                                 | tags: must be an object (was an array)",
        "{\"tags\": {\"team\": 1}}                      | tags[\"team\"]: must be a string (was a number)",
        "{\"configurationOverrides\": {\"monitoringConfiguration\": {}}} | configurationOverrides.\"monitoringConfiguration\": is not supported for sessions (only runtimeConfiguration is)",
        "{\"configurationOverrides\": {\"runtimeConfiguration\": {}}} | configurationOverrides.runtimeConfiguration: must be an array (was an object)",
        "{\"configurationOverrides\": {\"runtimeConfiguration\": [{\"classification\": \"c\", \"propertes\": {}}]}} | configurationOverrides.runtimeConfiguration[0].\"propertes\": is not a known field (did you mean properties?)",
        "{\"configurationOverrides\": {\"runtimeConfiguration\": [{\"classification\": \"c\", \"properties\": {\"n\": 4}}]}} | configurationOverrides.runtimeConfiguration[0].properties[\"n\"]: must be a string (was a number)",
        "{\"clientToken\": \"has space\"}               | clientToken: must match ^[A-Za-z0-9._-]+$",
        "{\"idempotencyKey\": \"\"}                     | idempotencyKey: length must be 1 to 2048 characters (was 0)",
        "{\"correlationId\": \"line\\nbreak\"}          | correlationId: must not contain control characters",
        "{\"name\": \"\\ud800\"}                        | name: must be valid Unicode text",
    })
    void each_rule_names_its_field(String fields, String expected) {
        ObjectNode request = base();
        request.setAll((ObjectNode) parse(fields));
        assertThat(validator.validate(request).violations()).extracting(Violation::toString).contains(expected);
    }

    @Test
    void length_limits_hold_at_their_bounds() {
        assertThat(validFieldOf("name", "n".repeat(256))).isTrue();
        assertThat(validFieldOf("name", "n".repeat(257))).isFalse();
        assertThat(validFieldOf("applicationId", "a".repeat(64))).isFalse(); // not allowed, but valid: see below
        assertThat(validateField("applicationId", "a".repeat(64)).violationCount()).isZero();
        assertThat(validateField("applicationId", "a".repeat(65)).violationCount()).isEqualTo(1);
        assertThat(validFieldOf("clientToken", "t".repeat(64))).isTrue();
        assertThat(validFieldOf("clientToken", "t".repeat(65))).isFalse();
        // Lengths count code points, as the service does: 256 emoji are 512 chars but 256 characters.
        assertThat(validFieldOf("name", "😀".repeat(256))).isTrue();
    }

    @Test
    void list_and_map_sizes_are_bounded() {
        ObjectNode request = base();
        ObjectNode tags = request.putObject("tags");
        for (int i = 0; i < 201; i++) {
            tags.put("k" + i, "v");
        }
        ObjectNode properties = request.putObject("configurationOverrides").putArray("runtimeConfiguration")
                .addObject().put("classification", "c").putObject("properties");
        for (int i = 0; i < 101; i++) {
            properties.put("p" + i, "v");
        }
        assertThat(validator.validate(request).violations()).extracting(Violation::toString).contains(
                "tags: must have at most 200 entries (had 201)",
                "configurationOverrides.runtimeConfiguration[0].properties: must have at most 100 entries (had 101)");
    }

    @Test
    void configurations_nest_ten_levels_but_not_eleven() {
        assertThat(validator.validate(nested(10)).isValid()).isTrue();
        assertThat(validator.validate(nested(11)).violations()).extracting(Violation::rule)
                .contains("nests configurations deeper than 10 levels");
    }

    @Test
    void violations_never_quote_a_property_value() {
        Validation validation = validate("""
                {"applicationId": "00fkabc123xyz", "executionRoleArn": "arn:aws:iam::123456789012:role/EmrSessionRole",
                 "configurationOverrides": {"runtimeConfiguration": [{"classification": "c",
                   "properties": {"fs.s3a.secret.key": "%s", "other": "   "}}]},
                 "tags": {"t": "no good!"}}""".formatted("x".repeat(1025)));
        assertThat(validation.violations()).hasSize(3);
        assertThat(validation.violations().toString()).doesNotContain("xxxx").doesNotContain("no good");
    }

    @Test
    void a_flood_of_violations_is_counted_but_reported_up_to_the_limit() {
        ObjectNode request = base();
        for (int i = 0; i < 500; i++) {
            request.put("unknown" + i, i);
        }
        Validation validation = validator.validate(request);
        assertThat(validation.violations()).hasSize(RequestValidator.MAX_REPORTED_VIOLATIONS);
        assertThat(validation.violationCount()).isEqualTo(500);
    }

    @Test
    void hostile_field_names_are_escaped_and_shortened() {
        ObjectNode request = base();
        request.put("\u001b[31mred\"" + "z".repeat(500), 1);
        Violation violation = validator.validate(request).violations().get(0);
        assertThat(violation.field()).startsWith("\"\\u001b[31mred\\\"zzz").endsWith("...(509 chars)\"")
                .hasSizeLessThan(120);
    }

    @Test
    void defaults_fill_missing_fields() {
        RequestValidator withDefaults = new RequestValidator(TestSettings.sample()
                .with(Settings.DEFAULT_APPLICATION_ID, "00fkabc123xyz")
                .with(Settings.DEFAULT_EXECUTION_ROLE_ARN, TestSettings.ROLE_ARN)
                .with(Settings.DEFAULT_IDLE_TIMEOUT_MINUTES, "30").build().requestPolicy());
        Validation validation = withDefaults.validate(parse("{\"name\": \"n\"}"));
        assertThat(validation.isValid()).isTrue();
        assertThat(validation.request().applicationId()).isEqualTo("00fkabc123xyz");
        assertThat(validation.request().executionRoleArn()).isEqualTo(TestSettings.ROLE_ARN);
        assertThat(validation.request().idleTimeoutMinutes()).isEqualTo(30L);
    }

    @Test
    void required_fields_without_defaults_are_named() {
        assertThat(validator.validate(parse("{}")).violations()).extracting(Violation::toString).containsExactly(
                "applicationId: is required (this deployment sets no DEFAULT_APPLICATION_ID)",
                "executionRoleArn: is required (this deployment sets no DEFAULT_EXECUTION_ROLE_ARN)");
    }

    @Test
    void json_null_counts_as_absent() {
        ObjectNode request = base();
        request.putNull("name");
        request.putNull("tags");
        assertThat(validator.validate(request).isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "arn:aws:iam::123456789012:role/emrsessionrole",          // another case
        " arn:aws:iam::123456789012:role/EmrSessionRole",         // leading space
        "arn:aws:iam::123456789012:role/EmrSessionRole ",         // trailing space
        "arn:aws-cn:iam::123456789012:role/EmrSessionRole",       // another partition
        "arn:aws-us-gov:iam::123456789012:role/EmrSessionRole",
        "arn:aws:iam::210987654321:role/EmrSessionRole",          // another account
        "arn:aws:iam::123456789012:role/EmrSessionRoleAdmin",     // a longer name
        "arn:aws:iam::123456789012:role/Admin/EmrSessionRole",    // a path
        "arn:aws:iam::123456789012:role/emr",                     // the wildcard's prefix without its slash
        "arn:aws:iam::123456789012:role/EmrSessionRole\u0000",
    })
    void no_spelling_of_a_role_gets_past_the_allowlist(String roleArn) {
        ObjectNode request = base();
        request.put("executionRoleArn", roleArn);
        Validation validation = validator.validate(request);
        assertThat(validation.isValid()).isFalse();
        assertThat(validation.refusals().size() + validation.violationCount()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00FKABC123XYZ", "00fkabc123xyz ", "00fkabc123xy", "00fkabc123xyzz", "x00fkother1"})
    void no_spelling_of_an_application_gets_past_the_allowlist(String applicationId) {
        ObjectNode request = base();
        request.put("applicationId", applicationId);
        assertThat(validator.validate(request).isValid()).isFalse();
    }

    @Test
    void allowlist_wildcards_admit_what_they_name() {
        ObjectNode request = base();
        request.put("applicationId", "00fkother42");
        request.put("executionRoleArn", "arn:aws:iam::123456789012:role/emr/team-a/SessionRole");
        assertThat(validator.validate(request).isValid()).isTrue();
    }

    @Test
    void a_refusal_keeps_the_refused_value_for_the_report() {
        ObjectNode request = base();
        request.put("executionRoleArn", "arn:aws:iam::123456789012:role/Admin");
        Validation validation = validator.validate(request);
        assertThat(validation.violationCount()).isZero();
        assertThat(validation.refusals()).extracting(Violation::toString)
                .containsExactly("executionRoleArn: is not allowed by this deployment (ALLOWED_EXECUTION_ROLE_ARNS)");
        assertThat(validation.request().executionRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/Admin");
    }

    private boolean validFieldOf(String field, String value) {
        return validateField(field, value).isValid();
    }

    private Validation validateField(String field, String value) {
        ObjectNode request = base();
        request.put(field, value);
        return validator.validate(request);
    }

    private static ObjectNode nested(int levels) {
        ObjectNode request = base();
        ObjectNode configuration = request.putObject("configurationOverrides").putArray("runtimeConfiguration")
                .addObject().put("classification", "level1");
        for (int level = 2; level <= levels; level++) {
            configuration = configuration.putArray("configurations").addObject().put("classification", "level" + level);
        }
        return request;
    }

    private static ObjectNode base() {
        ObjectNode request = JSON.createObjectNode();
        request.put("applicationId", TestSettings.APPLICATION_ID);
        request.put("executionRoleArn", TestSettings.ROLE_ARN);
        return request;
    }

    private Validation validate(String json) {
        return validator.validate(parse(json));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

}

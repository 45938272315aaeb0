package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.emrsessionstarter.internal.emrserverless.model.Configuration;
import dev.emrsessionstarter.internal.emrserverless.model.StartSessionRequest;
import dev.emrsessionstarter.internal.emrserverless.model.ValidationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StartSessionValidationTest extends EmrEmulatorTestBase {

    private static final String CONFIG = "configurationOverrides.runtimeConfiguration.1.member";

    static Stream<Arguments> oneBrokenRule() {
        return Stream.of(
                rule("application id with upper case", r -> r.applicationId("00FKABC"),
                        "'applicationId' failed to satisfy constraint: Member must satisfy regular expression"),
                rule("application id over 64", r -> r.applicationId("a".repeat(65)),
                        "'applicationId' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 64"),
                rule("client token with a space", r -> r.clientToken("has space"),
                        "'clientToken' failed to satisfy constraint: Member must satisfy regular expression"),
                rule("client token over 64", r -> r.clientToken("t".repeat(65)),
                        "'clientToken' failed to satisfy constraint: Member must have length less than or equal to 64"),
                rule("role missing", r -> r.executionRoleArn(null),
                        "Value null at 'executionRoleArn' failed to satisfy constraint: Member must not be null"),
                rule("role not an IAM role ARN", r -> r.executionRoleArn("arn:aws:iam::123456789012:user/alice"),
                        "'executionRoleArn' failed to satisfy constraint: Member must satisfy regular expression"),
                rule("role too short", r -> r.executionRoleArn("arn:aws:iam::1:r"),
                        "'executionRoleArn' failed to satisfy constraint: "
                                + "Member must have length greater than or equal to 20"),
                rule("role too long", r -> r.executionRoleArn(ROLE + "x".repeat(2048)),
                        "'executionRoleArn' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 2048"),
                rule("name empty", r -> r.name(""),
                        "'name' failed to satisfy constraint: Member must have length greater than or equal to 1"),
                rule("name only whitespace", r -> r.name("   "),
                        "'name' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: ^.*\\S.*$"),
                rule("name over 256", r -> r.name("n".repeat(257)),
                        "'name' failed to satisfy constraint: Member must have length less than or equal to 256"),
                rule("idle timeout negative", r -> r.idleTimeoutMinutes(-1L),
                        "'idleTimeoutMinutes' failed to satisfy constraint: "
                                + "Member must have value greater than or equal to 0"),
                rule("idle timeout over a million", r -> r.idleTimeoutMinutes(1_000_001L),
                        "'idleTimeoutMinutes' failed to satisfy constraint: "
                                + "Member must have value less than or equal to 1000000"),
                rule("201 tags", r -> r.tags(manyEntries(201, "v")),
                        "'tags' failed to satisfy constraint: Member must have length less than or equal to 200"),
                rule("tag key with a bad character", r -> r.tags(Map.of("team!", "analytics")),
                        "'tags' failed to satisfy constraint: "
                                + "Map keys must satisfy constraint: [Member must satisfy regular expression"),
                rule("tag key over 128", r -> r.tags(Map.of("k".repeat(129), "v")),
                        "'tags' failed to satisfy constraint: "
                                + "Map keys must satisfy constraint: "
                                + "[Member must have length less than or equal to 128]"),
                rule("tag value with a bad character", r -> r.tags(Map.of("team", "a&b")),
                        "'tags' failed to satisfy constraint: "
                                + "Map value must satisfy constraint: [Member must satisfy regular expression"),
                rule("tag value over 256", r -> r.tags(Map.of("team", "v".repeat(257))),
                        "'tags' failed to satisfy constraint: "
                                + "Map value must satisfy constraint: "
                                + "[Member must have length less than or equal to 256]"),
                rule("101 configurations", r -> r.configurationOverrides(o -> o.runtimeConfiguration(
                                Collections.nCopies(101,
                                        Configuration.builder().classification("spark-defaults").build()))),
                        "'configurationOverrides.runtimeConfiguration' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 100"),
                rule("classification missing", r -> r.configurationOverrides(o -> o.runtimeConfiguration(
                                Configuration.builder().properties(Map.of("k", "v")).build())),
                        "Value null at '" + CONFIG + ".classification' failed to satisfy constraint: "
                                + "Member must not be null"),
                rule("classification blank", r -> config(r, Configuration.builder().classification(" ").build()),
                        "'" + CONFIG + ".classification' failed to satisfy constraint: "
                                + "Member must satisfy regular expression"),
                rule("classification over 1024",
                        r -> config(r, Configuration.builder().classification("c".repeat(1025)).build()),
                        "'" + CONFIG + ".classification' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 1024"),
                rule("101 properties", r -> config(r, Configuration.builder().classification("spark-defaults")
                                .properties(manyEntries(101, "v")).build()),
                        "'" + CONFIG + ".properties' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 100"),
                rule("property key blank", r -> config(r, Configuration.builder().classification("spark-defaults")
                                .properties(Map.of(" ", "v")).build()),
                        "'" + CONFIG + ".properties' failed to satisfy constraint: "
                                + "Map keys must satisfy constraint: [Member must satisfy regular expression"),
                rule("property key over 1024", r -> config(r, Configuration.builder().classification("spark-defaults")
                                .properties(Map.of("k".repeat(1025), "v")).build()),
                        "'" + CONFIG + ".properties' failed to satisfy constraint: "
                                + "Map keys must satisfy constraint: "
                                + "[Member must have length less than or equal to 1024]"),
                rule("property value empty", r -> config(r, Configuration.builder().classification("spark-defaults")
                                .properties(Map.of("k", "")).build()),
                        "'" + CONFIG + ".properties' failed to satisfy constraint: "
                                + "Map value must satisfy constraint: [Member must satisfy regular expression"),
                rule("property value over 1024", r -> config(r, Configuration.builder().classification("spark-defaults")
                                .properties(Map.of("k", "v".repeat(1025))).build()),
                        "'" + CONFIG + ".properties' failed to satisfy constraint: "
                                + "Map value must satisfy constraint: "
                                + "[Member must have length less than or equal to 1024]"),
                rule("nested configuration without classification", r -> config(r, Configuration.builder()
                                .classification("spark-defaults")
                                .configurations(Configuration.builder().classification("ok").build(),
                                        Configuration.builder().properties(Map.of("k", "v")).build())
                                .build()),
                        "Value null at '" + CONFIG + ".configurations.2.member.classification' "
                                + "failed to satisfy constraint: Member must not be null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneBrokenRule")
    void each_broken_rule_is_a_validation_exception(String rule, UnaryOperator<StartSessionRequest.Builder> breakIt,
                                              String expected) {
        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> client.startSession(breakIt.apply(validRequest("token-1")).build()));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(error.awsErrorDetails().errorMessage())
                .containsPattern("^\\d validation errors? detected: ")
                .contains(expected);
        assertThat(emulator.sessionsCreated()).isZero();
    }

    @Test
    void reports_every_violation_of_a_request() {
        ValidationException error = catchThrowableOfType(ValidationException.class, () -> client.startSession(
                validRequest("bad token").executionRoleArn(null).name(" ").idleTimeoutMinutes(-5L).build()));

        assertThat(error.awsErrorDetails().errorMessage())
                .startsWith("4 validation errors detected: ")
                .contains("'clientToken'", "'executionRoleArn'", "'name'", "'idleTimeoutMinutes'");
    }

    @Test
    void never_echoes_a_configuration_property_value() {
        String secret = "hunter2-secret-password   ";
        String longSecret = "s3cr3t".repeat(200);
        ValidationException error = catchThrowableOfType(ValidationException.class, () -> client.startSession(
                config(validRequest("token-1"), Configuration.builder().classification("spark-defaults")
                        .properties(Map.of("spark.password", secret, "spark.key", longSecret, " ", "x"))
                        .build()).build()));

        assertThat(error.awsErrorDetails().errorMessage())
                .contains("Map keys must satisfy constraint", "Map value must satisfy constraint")
                .doesNotContain("hunter2", "s3cr3t", "spark.password", "spark.key");
    }

    @Test
    void accepts_the_boundary_values() {
        StartSessionRequest request = validRequest("t".repeat(64))
                .name("n".repeat(256))
                .idleTimeoutMinutes(1_000_000L)
                .tags(manyEntries(200, "v".repeat(256)))
                .configurationOverrides(o -> o.runtimeConfiguration(Collections.nCopies(100,
                        Configuration.builder().classification("c".repeat(1024))
                                .properties(manyEntries(100, "v".repeat(1024))).build())))
                .build();

        assertThat(client.startSession(request).sessionId()).matches("[0-9a-z]{16,20}");
    }

    private static Arguments rule(String name, UnaryOperator<StartSessionRequest.Builder> breakIt, String expected) {
        return Arguments.of(name, breakIt, expected);
    }

    private static StartSessionRequest.Builder config(StartSessionRequest.Builder request,
                                                      Configuration configuration) {
        return request.configurationOverrides(o -> o.runtimeConfiguration(List.of(configuration)));
    }

    private static Map<String, String> manyEntries(int count, String value) {
        Map<String, String> entries = new LinkedHashMap<>();
        IntStream.rangeClosed(1, count).forEach(i -> entries.put("key" + i, value));
        return entries;
    }
}

package dev.emrsessionstarter.contract;

import static dev.emrsessionstarter.contract.ContractSchemas.event;
import static dev.emrsessionstarter.contract.ContractSchemas.parse;
import static dev.emrsessionstarter.contract.ContractSchemas.validateOutcome;
import static dev.emrsessionstarter.contract.ContractSchemas.validateRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample events in {@code events/} against the published JSON Schemas and against Lambda's own event shapes.
 */
class ContractSamplesTest {

    private static final String APPLICATION_ID = "00fkabc123xyz";
    private static final String ROLE = "arn:aws:iam::123456789012:role/EmrSessionRole";

    // ---- the schemas themselves --------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void schemas_are_valid_draft_2020_12(String file) throws IOException {
        var metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        JsonNode schema = ContractSchemas.JSON.readTree(ContractSchemas.SCHEMAS.resolve(file).toFile());

        assertThat(metaSchema.validate(schema)).isEmpty();
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    static Stream<String> schemaFiles() {
        return Stream.of("session-request.schema.json", "outcome-event.schema.json");
    }

    // ---- every valid request inside the samples --------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    void sample_requests_are_valid(String where, JsonNode request) {
        assertThat(validateRequest(request)).as(where).isEmpty();
    }

    static Stream<Arguments> validRequests() {
        List<Arguments> requests = new ArrayList<>();
        requests.add(Arguments.of("sqs-batch.json body", body("sqs-batch.json", 0)));
        for (int i = 0; i < records("sqs-fifo-batch.json").size(); i++) {
            requests.add(Arguments.of("sqs-fifo-batch.json body " + i, body("sqs-fifo-batch.json", i)));
        }
        requests.add(Arguments.of("sqs-mixed-batch.json plain body", body("sqs-mixed-batch.json", 0)));
        requests.add(Arguments.of("sqs-mixed-batch.json EventBridge envelope detail",
                body("sqs-mixed-batch.json", 2).path("detail")));
        requests.add(Arguments.of("sqs-mixed-batch.json SNS notification Message",
                parse(body("sqs-mixed-batch.json", 3).path("Message").asText())));
        requests.add(Arguments.of("eventbridge-event.json detail", event("eventbridge-event.json").path("detail")));
        requests.add(Arguments.of("scheduler-payload.json", event("scheduler-payload.json")));
        requests.add(Arguments.of("step-functions-payload.json", event("step-functions-payload.json")));
        return requests.stream();
    }

    @Test
    void samples_use_the_test_deployments_application_and_role() {
        validRequests().map(a -> (JsonNode) a.get()[1]).forEach(request -> {
            assertThat(request.path("applicationId").asText()).isEqualTo(APPLICATION_ID);
            assertThat(request.path("executionRoleArn").asText()).isEqualTo(ROLE);
        });
    }

    // ---- invalid requests are rejected with every problem named ----------------------------------------------

    @Test
    void invalid_sample_is_rejected_naming_every_violation() {
        Set<ValidationMessage> errors = validateRequest(body("sqs-invalid-request.json", 0));

        assertThat(locations(errors)).contains("/applicationId", "/idleTimeoutMinutes", "/tags");
        assertThat(messages(errors))
                .anySatisfy(m -> assertThat(m).contains("idleTimeoutMinute").contains("not defined in the schema"))
                .anySatisfy(m -> assertThat(m).contains("team#1"));
        assertThat(errors).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void mixed_batch_has_exactly_one_invalid_request() {
        Set<ValidationMessage> errors = validateRequest(body("sqs-mixed-batch.json", 1));

        assertThat(locations(errors)).contains("/name", "/configurationOverrides/runtimeConfiguration/0");
        assertThat(messages(errors)).anySatisfy(m -> assertThat(m).contains("classification"));
    }

    @Test
    void non_json_body_is_not_json() {
        String body = records("sqs-non-json-body.json").get(0).path("body").asText();

        assertThatThrownBy(() -> ContractSchemas.JSON.readTree(body)).isInstanceOf(IOException.class);
    }

    @Test
    void schema_enforces_the_model_limits() {
        ObjectNode request = (ObjectNode) event("scheduler-payload.json").deepCopy();
        request.put("clientToken", "has spaces");
        request.put("correlationId", "line\nbreak");
        request.put("idempotencyKey", "   ");
        request.put("idleTimeoutMinutes", -1);
        ObjectNode tags = request.putObject("tags");
        for (int i = 0; i <= 200; i++) {
            tags.put("k" + i, "v");
        }
        request.putObject("configurationOverrides").putArray("runtimeConfiguration").addObject()
                .put("classification", "spark-defaults").put("unknown", "x");

        assertThat(locations(validateRequest(request))).contains("/clientToken", "/correlationId",
                "/idempotencyKey", "/idleTimeoutMinutes", "/tags",
                "/configurationOverrides/runtimeConfiguration/0");
    }

    @Test
    void application_and_role_are_optional_because_deployments_may_default_them() {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("name", "defaults-only");

        assertThat(validateRequest(request)).isEmpty();
    }

    // ---- Lambda's own event shapes ---------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("sqsFiles")
    void sqs_samples_load_as_lambda_sqs_events(String file) {
        SQSEvent sqs = EventLoader.loadSQSEvent("events/" + file);

        assertThat(sqs.getRecords()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getMessageId()).isNotBlank();
            assertThat(r.getReceiptHandle()).isNotBlank();
            assertThat(r.getBody()).isNotNull();
            assertThat(r.getMd5OfBody()).isEqualTo(md5(r.getBody()));
            assertThat(r.getEventSource()).isEqualTo("aws:sqs");
            assertThat(r.getEventSourceArn()).startsWith("arn:aws:sqs:us-east-1:123456789012:");
            assertThat(r.getAwsRegion()).isEqualTo("us-east-1");
            assertThat(r.getAttributes()).containsKeys("ApproximateReceiveCount", "SentTimestamp", "SenderId",
                    "ApproximateFirstReceiveTimestamp");
            assertThat(Integer.parseInt(r.getAttributes().get("ApproximateReceiveCount"))).isPositive();
            assertThat(r.getMessageAttributes()).isNotNull();
        });
        assertThat(sqs.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).distinct())
                .hasSameSizeAs(sqs.getRecords());
    }

    static Stream<String> sqsFiles() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(ContractSchemas.EVENTS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("sqs-")).sorted()
                    .toList().stream();
        }
    }

    @Test
    void fifo_sample_has_two_groups_and_fifo_attributes() {
        SQSEvent sqs = EventLoader.loadSQSEvent("events/sqs-fifo-batch.json");

        assertThat(sqs.getRecords()).allSatisfy(r -> {
            assertThat(r.getEventSourceArn()).endsWith(".fifo");
            assertThat(r.getAttributes()).containsKeys("MessageGroupId", "MessageDeduplicationId", "SequenceNumber");
        });
        assertThat(sqs.getRecords().stream().map(r -> r.getAttributes().get("MessageGroupId")).distinct()).hasSize(2);
    }

    @Test
    void mixed_sample_carries_eventbridge_and_sns_envelopes() {
        JsonNode eventBridge = body("sqs-mixed-batch.json", 2);
        JsonNode sns = body("sqs-mixed-batch.json", 3);

        assertThat(eventBridge.path("detail-type").asText()).isEqualTo("EMR Serverless Session Request");
        assertThat(eventBridge.path("id").asText()).isNotBlank();
        assertThat(sns.path("Type").asText()).isEqualTo("Notification");
        assertThat(sns.path("MessageId").asText()).isNotBlank();
        assertThat(sns.path("Message").isTextual()).isTrue();
    }

    @Test
    void eventbridge_sample_loads_as_lambda_scheduled_event() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/eventbridge-event.json");

        assertThat(event.getDetailType()).isEqualTo("EMR Serverless Session Request");
        assertThat(event.getSource()).isEqualTo("emr-session-starter.requests");
        assertThat(event.getId()).isNotBlank();
        assertThat(event.getAccount()).isEqualTo("123456789012");
        assertThat(event.getRegion()).isEqualTo("us-east-1");
        assertThat(event.getTime()).isNotNull();
        assertThat(event.getDetail()).containsEntry("applicationId", APPLICATION_ID);
    }

    @Test
    void scheduler_key_is_schedule_arn_plus_scheduled_time() {
        String key = event("scheduler-payload.json").path("idempotencyKey").asText();

        assertThat(key).matches("arn:aws:scheduler:us-east-1:123456789012:schedule/[^/]+/[^/]+/"
                + "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    }

    @Test
    void step_functions_key_is_execution_id_plus_state_name() {
        JsonNode payload = event("step-functions-payload.json");

        assertThat(payload.path("idempotencyKey").asText())
                .matches("arn:aws:states:us-east-1:123456789012:execution:[^:]+:[^:/]+/StartSession");
        assertThat(payload.path("correlationId").asText()).isNotBlank();
    }

    // ---- outcome events ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("outcomeFiles")
    void outcome_samples_are_valid(String file) {
        assertThat(validateOutcome(event(file))).isEmpty();
    }

    static Stream<String> outcomeFiles() {
        return Stream.of("outcome-started.json", "outcome-start-failed.json");
    }

    @Test
    void outcome_samples_load_as_lambda_scheduled_events() {
        ScheduledEvent started = EventLoader.loadScheduledEvent("events/outcome-started.json");

        assertThat(started.getResources()).containsExactly((String) started.getDetail().get("arn"));
    }

    @Test
    void started_outcome_needs_the_session() {
        ObjectNode event = (ObjectNode) event("outcome-started.json").deepCopy();
        ((ObjectNode) event.path("detail")).remove("sessionId");
        ((ObjectNode) event.path("detail")).putNull("clientToken");
        event.putArray("resources");

        assertThat(locations(validateOutcome(event))).contains("/detail", "/detail/clientToken", "/resources");
    }

    @Test
    void failed_outcome_needs_error_and_final_and_never_carries_configuration() {
        ObjectNode event = (ObjectNode) event("outcome-start-failed.json").deepCopy();
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.remove("final");
        detail.putObject("configurationOverrides");
        ((ObjectNode) detail.path("error")).remove("retryable");

        assertThat(messages(validateOutcome(event)))
                .anySatisfy(m -> assertThat(m).contains("final"))
                .anySatisfy(m -> assertThat(m).contains("retryable"))
                .anySatisfy(m -> assertThat(m).contains("configurationOverrides"));
    }

    @Test
    void permanent_failure_is_final() {
        ObjectNode event = (ObjectNode) event("outcome-start-failed.json").deepCopy();
        ObjectNode detail = (ObjectNode) event.path("detail");
        ((ObjectNode) detail.path("error")).put("retryable", false).put("code", "InvalidRequest")
                .putArray("violations").addObject().put("field", "applicationId").put("rule", "pattern");
        detail.put("final", false);
        assertThat(locations(validateOutcome(event))).contains("/detail/final");

        detail.put("final", true);
        detail.putNull("clientToken");
        assertThat(validateOutcome(event)).isEmpty();
    }

    @Test
    void unknown_detail_type_is_rejected() {
        ObjectNode event = (ObjectNode) event("outcome-started.json").deepCopy();
        event.put("detail-type", "EMR Serverless Session Request");

        assertThat(locations(validateOutcome(event))).contains("/detail-type");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static List<JsonNode> records(String file) {
        List<JsonNode> records = new ArrayList<>();
        event(file).path("Records").forEach(records::add);
        return records;
    }

    private static JsonNode body(String file, int record) {
        return parse(records(file).get(record).path("body").asText());
    }

    private static Set<String> locations(Set<ValidationMessage> errors) {
        return errors.stream().map(e -> e.getInstanceLocation().toString()).collect(Collectors.toSet());
    }

    private static List<String> messages(Set<ValidationMessage> errors) {
        return errors.stream().map(ValidationMessage::getMessage).toList();
    }

    private static String md5(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

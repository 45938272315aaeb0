package dev.emrsessionstarter.contract;

import static dev.emrsessionstarter.contract.ContractSchemas.event;
import static dev.emrsessionstarter.contract.ContractSchemas.outcome;
import static dev.emrsessionstarter.contract.ContractSchemas.parse;
import static dev.emrsessionstarter.contract.ContractSchemas.validateOutcome;
import static dev.emrsessionstarter.contract.ContractSchemas.validateRequest;
import static dev.emrsessionstarter.contract.ContractSchemas.validateTaskOutput;
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
import dev.emrsessionstarter.core.reading.ClientTokens;
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
    private static final List<String> READINESS_OUTCOMES = List.of(
            "outcome-ready.json", "outcome-session-failed.json", "outcome-not-ready.json");

    // ---- the schemas themselves --------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void schemas_are_valid_draft202012(String file) throws IOException {
        var metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        JsonNode schema = ContractSchemas.JSON.readTree(ContractSchemas.SCHEMAS.resolve(file).toFile());

        assertThat(metaSchema.validate(schema)).isEmpty();
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    static Stream<String> schemaFiles() {
        return Stream.of("session-request.schema.json", "outcome-event.schema.json", "task-output.schema.json");
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
        requests.add(Arguments.of("sqs-terminate-request.json body", body("sqs-terminate-request.json", 0)));
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
        requests.add(Arguments.of("step-functions-wait-payload.json", event("step-functions-wait-payload.json")));
        requests.add(Arguments.of("sqs-task-token.json body", body("sqs-task-token.json", 0)));
        return requests.stream();
    }

    @Test
    void samples_use_the_test_deployments_application_and_role() {
        validRequests().map(a -> (JsonNode) a.get()[1]).forEach(request -> {
            assertThat(request.path("applicationId").asText()).isEqualTo(APPLICATION_ID);
            if (!"terminate".equals(request.path("action").asText())) {
                assertThat(request.path("executionRoleArn").asText()).isEqualTo(ROLE);
            }
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
    void mixed_sample_carries_event_bridge_and_sns_envelopes() {
        JsonNode eventBridge = body("sqs-mixed-batch.json", 2);
        JsonNode sns = body("sqs-mixed-batch.json", 3);

        assertThat(eventBridge.path("detail-type").asText()).isEqualTo("EMR Serverless Session Request");
        assertThat(eventBridge.path("id").asText()).isNotBlank();
        assertThat(sns.path("Type").asText()).isEqualTo("Notification");
        assertThat(sns.path("MessageId").asText()).isNotBlank();
        assertThat(sns.path("Message").isTextual()).isTrue();
    }

    @Test
    void event_bridge_sample_loads_as_lambda_scheduled_event() {
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

    @ParameterizedTest
    @MethodSource("stepFunctionsPayloads")
    void step_functions_key_is_execution_id_plus_state_name(String file) {
        JsonNode payload = event(file);

        assertThat(payload.path("idempotencyKey").asText())
                .matches("arn:aws:states:us-east-1:123456789012:execution:[^:]+:[^:/]+/StartSession");
        assertThat(payload.path("correlationId").asText()).isNotBlank();
    }

    static Stream<String> stepFunctionsPayloads() {
        return Stream.of("step-functions-payload.json", "step-functions-wait-payload.json");
    }

    // ---- Step Functions task tokens --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskTokenRequests")
    void task_token_samples_carry_aToken_and_aStable_key(String where, JsonNode request) {
        assertThat(request.path("taskToken").asText()).hasSizeBetween(1, 2048).matches("[A-Za-z0-9+/=]+");
        assertThat(request.path("idempotencyKey").asText())
                .as("a retried task sends the request again: only a key of its own makes it the same request")
                .startsWith("arn:aws:states:us-east-1:123456789012:execution:");
    }

    static Stream<Arguments> taskTokenRequests() {
        return Stream.of(
                Arguments.of("step-functions-wait-payload.json", event("step-functions-wait-payload.json")),
                Arguments.of("sqs-task-token.json body", body("sqs-task-token.json", 0)));
    }

    @Test
    void task_token_is_optional_and_has_step_functions_length_limits() {
        ObjectNode request = (ObjectNode) event("step-functions-wait-payload.json").deepCopy();

        request.put("taskToken", "t".repeat(2048));
        assertThat(validateRequest(request)).isEmpty();
        request.put("taskToken", "t".repeat(2049));
        assertThat(locations(validateRequest(request))).containsExactly("/taskToken");
        request.put("taskToken", "");
        assertThat(locations(validateRequest(request))).containsExactly("/taskToken");
        request.putNull("taskToken");
        assertThat(locations(validateRequest(request))).containsExactly("/taskToken");
        request.remove("taskToken");
        assertThat(validateRequest(request)).isEmpty();
    }

    /** The schema's example: what the task of step-functions-wait-payload.json receives once the session is ready. */
    @Test
    void task_output_example_is_the_waiting_payloads_session() throws IOException {
        JsonNode output = taskOutputExample();
        JsonNode payload = event("step-functions-wait-payload.json");

        assertThat(validateTaskOutput(output)).isEmpty();
        assertThat(output.path("requestIdentity").asText()).isEqualTo(payload.path("idempotencyKey").asText());
        assertThat(output.path("applicationId").asText()).isEqualTo(payload.path("applicationId").asText());
        assertThat(output.path("clientToken").asText()).isEqualTo(
                ClientTokens.derive(payload.path("idempotencyKey").asText(), payload.path("applicationId").asText()));
        assertThat(output.path("arn").asText()).endsWith("/applications/" + output.path("applicationId").asText()
                + "/sessions/" + output.path("sessionId").asText());
    }

    @Test
    void task_output_is_closed_and_needs_the_session_state() throws IOException {
        ObjectNode output = (ObjectNode) taskOutputExample().deepCopy();
        output.put("taskToken", "AQCEAAAAKgAAAAMAAAAAAAAAAQ==");
        output.put("state", "READY");
        output.remove("clientToken");

        assertThat(messages(validateTaskOutput(output)))
                .anySatisfy(m -> assertThat(m).contains("taskToken"))
                .anySatisfy(m -> assertThat(m).contains("clientToken"))
                .anySatisfy(m -> assertThat(m).contains("state"));
    }

    // ---- outcome events ----------------------------------------------------------------------------------------

    /** Java's and Python's {@code $} match before a final line break; the published patterns must not. */
    @Test
    void published_patterns_refuse_a_trailing_line_break() throws IOException {
        ObjectNode started = (ObjectNode) outcome("outcome-started.json").deepCopy();
        ObjectNode detail = (ObjectNode) started.get("detail");
        detail.put("sessionId", detail.get("sessionId").asText() + "\n");
        ObjectNode output = (ObjectNode) taskOutputExample().deepCopy();
        output.put("clientToken", output.get("clientToken").asText() + "\n");

        assertThat(messages(validateOutcome(started))).anySatisfy(m -> assertThat(m).contains("sessionId"));
        assertThat(messages(validateTaskOutput(output))).anySatisfy(m -> assertThat(m).contains("clientToken"));
    }

    @ParameterizedTest
    @MethodSource("outcomeFiles")
    void outcome_samples_are_valid(String file) {
        assertThat(validateOutcome(outcome(file))).isEmpty();
    }

    static Stream<String> outcomeFiles() {
        return Stream.concat(Stream.of("outcome-started.json", "outcome-start-failed.json", "outcome-ended.json",
                "outcome-still-running.json", "outcome-terminated.json"), READINESS_OUTCOMES.stream());
    }

    @Test
    void every_outcome_sample_is_listed() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(ContractSchemas.OUTCOMES)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("outcome-")))
                    .containsExactlyInAnyOrderElementsOf(outcomeFiles().toList());
        }
    }

    @ParameterizedTest
    @MethodSource("sessionOutcomeFiles")
    void outcome_samples_load_as_lambda_scheduled_events(String file) {
        ScheduledEvent event = EventLoader.loadScheduledEvent("schemas/examples/" + file);

        assertThat(event.getResources()).containsExactly((String) event.getDetail().get("arn"));
        assertThat(event.getSource()).isEqualTo("emr-session-starter");
    }

    static Stream<String> sessionOutcomeFiles() {
        return Stream.concat(Stream.of("outcome-started.json"), READINESS_OUTCOMES.stream());
    }

    @ParameterizedTest
    @MethodSource("outcomeFiles")
    void outcome_sample_carries_the_client_token_the_function_derives(String file) {
        JsonNode detail = outcome(file).path("detail");

        assertThat(detail.path("clientToken").asText()).isEqualTo(ClientTokens.derive(
                detail.path("requestIdentity").asText(), detail.path("applicationId").asText()));
    }

    @ParameterizedTest
    @MethodSource("outcomeFiles")
    void outcome_sample_carries_no_task_token_and_no_configuration(String file) throws IOException {
        String text = Files.readString(ContractSchemas.OUTCOMES.resolve(file));
        List<String> tokens = taskTokenRequests().map(a -> ((JsonNode) a.get()[1]).path("taskToken").asText()).toList();

        assertThat(text).doesNotContain("taskToken", "configurationOverrides");
        assertThat(tokens).allSatisfy(token -> assertThat(text).doesNotContain(token));
    }

    // ---- readiness events ----------------------------------------------------------------------------------------

    @Test
    void ready_event_carries_the_started_events_members_plus_the_watchs() {
        JsonNode started = outcome("outcome-started.json").path("detail");
        JsonNode ready = outcome("outcome-ready.json").path("detail");

        started.fieldNames().forEachRemaining(name ->
                assertThat(ready.get(name)).as(name).isEqualTo(started.get(name)));
        List<String> added = new ArrayList<>();
        ready.fieldNames().forEachRemaining(name -> {
            if (!started.has(name)) {
                added.add(name);
            }
        });
        assertThat(added).containsExactlyInAnyOrder("state", "checks", "secondsToReady", "endpoint");
    }

    @Test
    void ready_event_is_closed_and_only_for_aUsable_session() {
        ObjectNode event = (ObjectNode) outcome("outcome-ready.json").deepCopy();
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("state", "STARTING");
        detail.remove("secondsToReady");
        detail.put("taskToken", "AQCEAAAAKgAAAAMAAAAAAAAAAQ==");
        detail.put("checks", 0);
        event.withArray("resources").add(detail.path("arn").asText());

        assertThat(locations(validateOutcome(event))).contains("/detail", "/detail/state", "/detail/checks",
                "/resources");
        assertThat(messages(validateOutcome(event)))
                .anySatisfy(m -> assertThat(m).contains("secondsToReady"))
                .anySatisfy(m -> assertThat(m).contains("taskToken"));
    }

    @Test
    void session_failed_event_needs_aFailed_state_unless_aGet_session_error_ended_the_watch() {
        ObjectNode event = (ObjectNode) outcome("outcome-session-failed.json").deepCopy();
        ObjectNode detail = (ObjectNode) event.path("detail");

        detail.put("state", "STARTING");
        assertThat(locations(validateOutcome(event))).contains("/detail/state");

        detail.putNull("state");
        detail.putNull("stateDetails");
        detail.putObject("error").put("code", "ResourceNotFoundException").put("message", "Session not found.");
        assertThat(validateOutcome(event)).isEmpty();

        ((ObjectNode) detail.path("error")).put("retryable", false);
        detail.remove("stateDetails");
        detail.remove("secondsWaited");
        assertThat(messages(validateOutcome(event)))
                .anySatisfy(m -> assertThat(m).contains("retryable"))
                .anySatisfy(m -> assertThat(m).contains("stateDetails"))
                .anySatisfy(m -> assertThat(m).contains("secondsWaited"));
    }

    @Test
    void not_ready_event_says_whether_the_session_was_terminated() {
        ObjectNode event = (ObjectNode) outcome("outcome-not-ready.json").deepCopy();
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("terminated", "yes");
        detail.put("state", "IDLE");
        detail.put("secondsToReady", 12);

        assertThat(locations(validateOutcome(event))).contains("/detail/terminated", "/detail/state");
        assertThat(messages(validateOutcome(event))).anySatisfy(m -> assertThat(m).contains("secondsToReady"));
    }

    @ParameterizedTest
    @MethodSource("readinessOutcomes")
    void readiness_event_needs_every_started_member(String file) {
        ObjectNode event = (ObjectNode) outcome(file).deepCopy();
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.remove(List.of("sessionId", "requestIdentity", "checks"));
        detail.putNull("clientToken");
        event.putArray("resources");

        assertThat(locations(validateOutcome(event))).contains("/detail", "/detail/clientToken", "/resources");
        assertThat(messages(validateOutcome(event)))
                .anySatisfy(m -> assertThat(m).contains("sessionId"))
                .anySatisfy(m -> assertThat(m).contains("requestIdentity"))
                .anySatisfy(m -> assertThat(m).contains("checks"));
    }

    static Stream<String> readinessOutcomes() {
        return READINESS_OUTCOMES.stream();
    }

    @Test
    void started_outcome_needs_the_session() {
        ObjectNode event = (ObjectNode) outcome("outcome-started.json").deepCopy();
        ((ObjectNode) event.path("detail")).remove("sessionId");
        ((ObjectNode) event.path("detail")).putNull("clientToken");
        event.putArray("resources");

        assertThat(locations(validateOutcome(event))).contains("/detail", "/detail/clientToken", "/resources");
    }

    @Test
    void failed_outcome_needs_error_and_final_and_never_carries_configuration() {
        ObjectNode event = (ObjectNode) outcome("outcome-start-failed.json").deepCopy();
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
        ObjectNode event = (ObjectNode) outcome("outcome-start-failed.json").deepCopy();
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
        ObjectNode event = (ObjectNode) outcome("outcome-started.json").deepCopy();
        event.put("detail-type", "EMR Serverless Session Request");

        assertThat(locations(validateOutcome(event))).contains("/detail-type");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static JsonNode taskOutputExample() throws IOException {
        JsonNode examples = ContractSchemas.JSON.readTree(ContractSchemas.SCHEMAS.resolve("task-output.schema.json")
                .toFile()).path("examples");
        assertThat(examples.size()).isEqualTo(1);
        return examples.get(0);
    }

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

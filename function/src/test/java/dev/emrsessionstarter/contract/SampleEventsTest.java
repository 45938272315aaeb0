package dev.emrsessionstarter.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.entrypoint.InvalidSessionRequestException;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every sample in {@code events/}, loaded the way Lambda deserializes it ({@code aws-lambda-java-tests}) and run through
 * the handler {@code template.yaml} names for its trigger, against the emulators. (The fixture checks every outcome
 * event against the published schema.)
 */
class SampleEventsTest {

    private final FunctionFixture function = FunctionFixture.start();

    @AfterEach
    void stop() {
        function.close();
    }

    @Test
    void sqs_batch_starts_its_session() {
        assertThat(sqs("sqs-batch.json").getBatchItemFailures()).isEmpty();
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(1);
        assertThat(onlyOutcome().detailType()).isEqualTo("EMR Serverless Session Started");
    }

    /** The sample names a session this fresh emulator never started: acknowledged, with a final failure. */
    @Test
    void sqs_terminate_request_is_answered_with_a_terminate_event() {
        assertThat(sqs("sqs-terminate-request.json").getBatchItemFailures()).isEmpty();
        assertThat(onlyOutcome().detailType()).isEqualTo("EMR Serverless Session Terminate Failed");
        assertThat(function.aws().emr().requestCount(EmrOperation.TERMINATE_SESSION)).isEqualTo(1);
    }

    @Test
    void sqs_invalid_request_is_rejected_naming_several_violations() {
        assertThat(sqs("sqs-invalid-request.json").getBatchItemFailures()).isEmpty();
        assertThat(function.aws().emr().startSessionRequestBodies()).isEmpty();
        JsonNode error = onlyOutcome().detail().get("error");
        assertThat(error.get("code").textValue()).isEqualTo("InvalidSessionRequest");
        assertThat(error.get("violationCount").intValue()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void sqs_non_json_body_is_rejected() {
        assertThat(sqs("sqs-non-json-body.json").getBatchItemFailures()).isEmpty();
        assertThat(onlyOutcome().detail().get("error").get("message").textValue()).contains("body is not valid JSON");
    }

    @Test
    void sqs_fifo_batch_starts_a_session_per_message() {
        assertThat(sqs("sqs-fifo-batch.json").getBatchItemFailures()).isEmpty();
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(3);
    }

    @Test
    void sqs_mixed_batch_unwraps_envelopes_and_rejects_only_the_invalid_request() {
        assertThat(sqs("sqs-mixed-batch.json").getBatchItemFailures()).isEmpty();
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(3);
        assertThat(function.outcomeDetails()).extracting(detail -> detail.has("error")).containsOnly(true, false)
                .filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(function.outcomeDetails()).extracting(detail -> detail.get("requestIdentity").textValue())
                .contains("6a7e8feb-b491-4cf7-a9f1-bf3703467718", "95df01b4-ee98-5cb9-9903-4c221d41eb5e");
    }

    @Test
    void eventbridge_event_starts_its_session() {
        function.eventBridgeHandler().handleRequest(
                EventLoader.loadScheduledEvent(events("eventbridge-event.json")), LocalContext.fresh());
        assertThat(onlyOutcome().detail().get("requestIdentity").textValue())
                .isEqualTo("3c1b6a9e-5f0d-4e2a-b8c7-d6e5f4a3b2c1");
    }

    @Test
    void scheduler_payload_returns_its_session() throws IOException {
        JsonNode response = direct("scheduler-payload.json");
        assertThat(response.get("requestIdentity").textValue())
                .isEqualTo("arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly-session/2026-11-24T18:00:00Z");
    }

    @Test
    void step_functions_payload_returns_its_session() throws IOException {
        JsonNode response = direct("step-functions-payload.json");
        assertThat(response.get("requestIdentity").textValue()).endsWith("/StartSession");
        assertThat(onlyOutcome().detail().get("correlationId").textValue()).isEqualTo("nightly-2026-11-24");
    }

    @Test
    void sqs_request_with_a_task_token_starts_its_session_and_never_publishes_the_token() throws IOException {
        String token = ContractSchemas.parse(EventLoader.loadSQSEvent(events("sqs-task-token.json")).getRecords().get(0)
                .getBody()).get("taskToken").textValue();

        assertThat(sqs("sqs-task-token.json").getBatchItemFailures()).isEmpty();
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(1);
        RecordedEvent started = onlyOutcome();
        assertThat(started.detailType()).isEqualTo("EMR Serverless Session Started");
        assertThat(started.detail().get("requestIdentity").textValue()).endsWith("/QueueSessionRequest");
        assertThat(started.toEnvelope(ContractSchemas.JSON).toString()).doesNotContain(token);
    }

    @Test
    void step_functions_wait_payload_returns_its_session_and_never_publishes_the_token() throws IOException {
        String token = ContractSchemas.event("step-functions-wait-payload.json").get("taskToken").textValue();

        JsonNode response = direct("step-functions-wait-payload.json");
        assertThat(response.get("requestIdentity").textValue()).endsWith("nightly-2026-11-25/StartSession");
        assertThat(response.toString()).doesNotContain(token);
        RecordedEvent started = onlyOutcome();
        assertThat(started.detail().get("correlationId").textValue()).isEqualTo("nightly-2026-11-25");
        assertThat(started.toEnvelope(ContractSchemas.JSON).toString()).doesNotContain(token);
    }

    @Test
    void a_direct_invoke_with_an_sqs_event_is_rejected_naming_the_fields() {
        assertThatThrownBy(() -> direct("sqs-batch.json"))
                .isInstanceOf(InvalidSessionRequestException.class)
                .hasMessageContaining("\"Records\": is not a known field");
    }

    private SQSBatchResponse sqs(String file) {
        return function.sqsHandler().handleRequest(EventLoader.loadSQSEvent(events(file)), LocalContext.fresh());
    }

    private JsonNode direct(String file) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream input = Files.newInputStream(ContractSchemas.EVENTS.resolve(file))) {
            function.directHandler().handleRequest(input, output, LocalContext.fresh());
        }
        return ContractSchemas.JSON.readTree(output.toByteArray());
    }

    /** The single outcome event; it must satisfy the outcome-event schema as a consumer receives it. */
    private RecordedEvent onlyOutcome() {
        List<RecordedEvent> events = function.outcomeEvents();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String events(String file) {
        Path path = ContractSchemas.EVENTS.resolve(file);
        assertThat(path).exists();
        return path.toString();
    }
}

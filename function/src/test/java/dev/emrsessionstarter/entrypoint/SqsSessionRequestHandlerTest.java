package dev.emrsessionstarter.entrypoint;

import static dev.emrsessionstarter.testing.SqsEvents.batch;
import static dev.emrsessionstarter.testing.SqsEvents.fifoMessage;
import static dev.emrsessionstarter.testing.SqsEvents.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.reading.ClientTokens;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.fault.EntryFault;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.TestSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

class SqsSessionRequestHandlerTest {

    private final FunctionFixture function = FunctionFixture.start();
    private final SqsSessionRequestHandler handler = function.sqsHandler();

    @AfterEach
    void stop() {
        function.close();
    }

    @Test
    void a_valid_message_starts_a_session_and_publishes_a_started_event() {
        SQSBatchResponse response = handler.handleRequest(batch(message("m-1", Requests.valid().toString())),
                LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(1);
        RecordedEvent event = function.outcomeEvents().get(0);
        assertThat(event.detailType()).isEqualTo(OutcomeEvents.STARTED);
        assertThat(event.source()).isEqualTo("emr-session-starter");
        JsonNode detail = event.detail();
        assertThat(detail.get("requestIdentity").textValue()).isEqualTo("m-1");
        assertThat(detail.get("trigger").textValue()).isEqualTo("sqs");
        assertThat(detail.get("clientToken").textValue()).isEqualTo(ClientTokens.derive("m-1", "00fkabc123xyz"));
        assertThat(detail.get("attempt").intValue()).isEqualTo(1);
        assertThat(event.resources()).containsExactly(detail.get("arn").textValue());
    }

    @Test
    void a_message_delivered_twice_reuses_its_token_and_starts_one_session() {
        SQSEvent delivery = batch(message("m-1", Requests.valid().toString(), 1));
        SQSEvent redelivery = batch(message("m-1", Requests.valid().toString(), 2));

        handler.handleRequest(delivery, LocalContext.fresh());
        handler.handleRequest(redelivery, LocalContext.fresh());

        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(1);
        List<String> tokens = function.aws().emr().startSessionRequestBodies().stream()
                .map(body -> read(body).get("clientToken").textValue()).toList();
        assertThat(tokens).hasSize(2).containsOnly(ClientTokens.derive("m-1", "00fkabc123xyz"));
        assertThat(function.outcomeDetails()).extracting(detail -> detail.get("sessionId").textValue())
                .hasSize(2).containsOnly(function.outcomeDetails().get(0).get("sessionId").textValue());
    }

    @Test
    void a_malformed_message_fails_only_itself() {
        SQSBatchResponse response = handler.handleRequest(batch(
                message("good-1", Requests.valid().toString()),
                message("bad", "this is not json"),
                message("good-2", Requests.valid().toString())), LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).as("a rejection is final: retrying cannot help").isEmpty();
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(2);
        JsonNode rejection = detailFor("bad");
        assertThat(rejection.get("error").get("code").textValue()).isEqualTo("InvalidSessionRequest");
        assertThat(rejection.get("error").get("retryable").booleanValue()).isFalse();
        assertThat(rejection.get("final").booleanValue()).isTrue();
        assertThat(rejection.get("clientToken").isNull()).isTrue();
    }

    @Test
    void an_invalid_request_is_rejected_naming_every_problem_without_calling_emr() {
        handler.handleRequest(batch(message("bad", Requests.invalid().toString())), LocalContext.fresh());

        assertThat(function.aws().emr().requestCount(EmrOperation.START_SESSION)).isZero();
        JsonNode error = detailFor("bad").get("error");
        assertThat(error.get("violationCount").intValue()).isEqualTo(3);
        assertThat(error.get("violations")).extracting(violation -> violation.get("field").textValue())
                .containsExactlyInAnyOrder("\"idleTimeoutMinute\"", "applicationId", "idleTimeoutMinutes");
        assertThat(error.get("message").textValue()).startsWith("The request is invalid (3 problems): ");
    }

    @Test
    void a_transient_failure_of_one_message_reports_only_that_message() {
        function.aws().emr().faults(EmrOperation.START_SESSION).failCalls(CallFault.INTERNAL_ERROR, 1, 2, 3);
        SQSBatchResponse response = handler.handleRequest(batch(message("unlucky", Requests.valid().toString())),
                LocalContext.fresh());
        SQSBatchResponse next = handler.handleRequest(batch(message("lucky", Requests.valid().toString())),
                LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("unlucky");
        assertThat(next.getBatchItemFailures()).isEmpty();
        JsonNode failure = detailFor("unlucky");
        assertThat(failure.get("error").get("code").textValue()).isEqualTo("InternalServerException");
        assertThat(failure.get("error").get("retryable").booleanValue()).isTrue();
        assertThat(failure.get("final").booleanValue()).isFalse();
    }

    @Test
    void server_errors_are_retried_in_the_invocation_with_the_same_token() {
        function.aws().emr().faults(EmrOperation.START_SESSION).failCalls(CallFault.INTERNAL_ERROR, 1)
                .failCalls(CallFault.THROTTLING, 2);
        SQSBatchResponse response = handler.handleRequest(batch(message("m-1", Requests.valid().toString())),
                LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(function.aws().emr().startSessionRequestBodies()).hasSize(3)
                .extracting(body -> read(body).get("clientToken").textValue()).containsOnly(
                        ClientTokens.derive("m-1", "00fkabc123xyz"));
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(1);
    }

    @Test
    void a_session_created_before_a_lost_answer_is_found_again_not_started_twice() {
        function.aws().emr().faults(EmrOperation.START_SESSION).failCalls(CallFault.FAIL_AFTER_COMMIT, 1)
                .failCalls(CallFault.DROP_AFTER_COMMIT, 2);
        SQSBatchResponse response = handler.handleRequest(batch(message("m-1", Requests.valid().toString())),
                LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(1);
    }

    @Test
    void the_last_attempt_publishes_a_final_failure_event_and_goes_to_the_dead_letter_queue() {
        function.aws().emr().faults(EmrOperation.START_SESSION).failFraction(1.0, CallFault.THROTTLING);
        SQSBatchResponse response = handler.handleRequest(batch(message("m-1", Requests.valid().toString(), 3)),
                LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).hasSize(1);
        JsonNode failure = detailFor("m-1");
        assertThat(failure.get("final").booleanValue()).isTrue();
        assertThat(failure.get("attempt").intValue()).isEqualTo(3);
        assertThat(failure.get("error").get("code").textValue()).isEqualTo("ThrottlingException");
    }

    @Test
    void a_batch_of_ten_publishes_its_outcomes_in_one_put_events_call() {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            messages.add(message("m-" + i, Requests.valid().toString()));
        }
        SQSBatchResponse response = handler.handleRequest(batch(messages), LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(10);
        assertThat(function.aws().events().putEventsCalls()).isEqualTo(1);
        assertThat(function.aws().events().entriesReceived()).isEqualTo(10);
    }

    @Test
    void failed_event_entries_are_sent_again_and_only_those() {
        function.aws().events().entryFaults().failCalls(EntryFault.THROTTLING, 2)
                .failCalls(EntryFault.INTERNAL_FAILURE, 3);
        SQSBatchResponse response = handler.handleRequest(batch(
                message("m-1", Requests.valid().toString()), message("m-2", Requests.valid().toString()),
                message("m-3", Requests.valid().toString())), LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(function.aws().events().putEventsCalls()).isEqualTo(2);
        assertThat(function.aws().events().entriesReceived()).isEqualTo(5);
        assertThat(function.outcomeDetails()).extracting(detail -> detail.get("requestIdentity").textValue())
                .containsExactlyInAnyOrder("m-1", "m-2", "m-3");
    }

    @Test
    void a_started_session_whose_event_cannot_be_published_is_retried_with_the_same_token() {
        function.aws().events().callFaults().failFraction(1.0, CallFault.INTERNAL_ERROR);
        SQSBatchResponse first = handler.handleRequest(batch(message("m-1", Requests.valid().toString(), 1)),
                LocalContext.fresh());
        function.aws().events().callFaults().clear();
        SQSBatchResponse second = handler.handleRequest(batch(message("m-1", Requests.valid().toString(), 2)),
                LocalContext.fresh());

        assertThat(first.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-1");
        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(1);
        assertThat(function.outcomeEvents()).singleElement().extracting(RecordedEvent::detailType)
                .isEqualTo(OutcomeEvents.STARTED);
    }

    @Test
    void an_event_entry_refused_for_good_makes_its_request_transient() {
        SqsSessionRequestHandler toUnknownBus = new SqsSessionRequestHandler(
                function.aws().fastRetryingFunction(TestSettings.sample().with("EVENT_BUS_NAME", "no-such-bus").build()),
                new InvocationMetrics(MetricsFactory.getMetricsInstance()));
        SQSBatchResponse response = toUnknownBus.handleRequest(batch(message("m-1", Requests.valid().toString())),
                LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(function.aws().events().entriesReceived()).as("InvalidArgument is not sent again").isEqualTo(1);
        assertThat(function.aws().events().events()).isEmpty();
    }

    @Test
    void on_a_fifo_queue_a_failed_message_holds_back_the_rest_of_its_group() {
        function.aws().emr().faults(EmrOperation.START_SESSION).failNext(3, CallFault.THROTTLING);
        SQSBatchResponse response = handler.handleRequest(batch(
                fifoMessage("a-1", "group-a", Requests.valid().put("name", "a1").toString()),
                fifoMessage("a-2", "group-a", Requests.valid().put("name", "a2").toString()),
                fifoMessage("a-3", "group-a", "not json")), LocalContext.fresh());
        SQSBatchResponse groupB = handler.handleRequest(batch(
                fifoMessage("b-1", "group-b", Requests.valid().toString())), LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("a-1", "a-2", "a-3");
        assertThat(function.aws().emr().requestCount(EmrOperation.START_SESSION))
                .as("a-2 was never attempted; b-1 once").isEqualTo(4);
        assertThat(groupB.getBatchItemFailures()).isEmpty();
    }

    @Test
    void fifo_groups_other_than_the_failed_one_proceed_in_the_same_batch() {
        function.aws().emr().addApplication(Application.builder().id("00fkother1").name("full")
                .maxConcurrentSessions(0).build());
        String overQuota = Requests.valid().put("applicationId", "00fkother1").toString();
        SQSBatchResponse response = handler.handleRequest(batch(
                fifoMessage("a-1", "group-a", overQuota),
                fifoMessage("a-2", "group-a", Requests.valid().toString()),
                fifoMessage("b-1", "group-b", Requests.valid().toString())), LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("a-1", "a-2");
        assertThat(detailFor("a-1").get("error").get("code").textValue()).isEqualTo("ServiceQuotaExceededException");
        assertThat(detailFor("b-1").get("sessionId").isTextual()).isTrue();
    }

    @Test
    void an_empty_or_missing_batch_is_a_success() {
        assertThat(handler.handleRequest(new SQSEvent(), LocalContext.fresh()).getBatchItemFailures()).isEmpty();
        assertThat(handler.handleRequest(batch(), LocalContext.fresh()).getBatchItemFailures()).isEmpty();
        assertThat(handler.handleRequest(null, LocalContext.fresh()).getBatchItemFailures()).isEmpty();
    }

    private JsonNode detailFor(String requestIdentity) {
        return function.outcomeDetails().stream()
                .filter(detail -> requestIdentity.equals(detail.get("requestIdentity").textValue()))
                .reduce((first, later) -> later)
                .orElseThrow(() -> new AssertionError("no outcome event for " + requestIdentity));
    }

    private static JsonNode read(String json) {
        try {
            return Requests.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}

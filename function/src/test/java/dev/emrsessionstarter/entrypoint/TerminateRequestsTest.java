package dev.emrsessionstarter.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.emr.SessionState;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.emulator.stepfunctions.TaskCallbackCall;
import dev.emrsessionstarter.emulator.stepfunctions.TaskCallbackOperation;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.testing.TestSettings;
import dev.emrsessionstarter.testing.WatchFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/contract.md section 8: a request may end a session instead of starting one, on every trigger, validated and
 * allowlisted like a start, idempotent under redelivery, with its own events; a waiting task succeeds once the
 * session is TERMINATED.
 */
class TerminateRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WatchFixture watch = WatchFixture.start();

    @AfterEach
    void stop() {
        watch.close();
    }

    @Test
    void a_terminate_request_ends_the_session_and_says_so_and_its_redelivery_does_nothing_more() {
        String sessionId = startedSession();

        assertThat(send("t-1", terminate(sessionId)).getBatchItemFailures()).isEmpty();
        assertThat(send("t-1", terminate(sessionId)).getBatchItemFailures()).as("the redelivery").isEmpty();

        assertThat(watch.aws().emr().session(TestSettings.APPLICATION_ID, sessionId).orElseThrow().state())
                .isIn(SessionState.TERMINATING, SessionState.TERMINATED);
        List<JsonNode> terminated = watch.details(OutcomeEvents.TERMINATED);
        assertThat(terminated).hasSize(2).allSatisfy(detail -> {
            assertThat(detail.get("sessionId").asText()).isEqualTo(sessionId);
            assertThat(detail.get("applicationId").asText()).isEqualTo(TestSettings.APPLICATION_ID);
            assertThat(detail.get("state").asText()).isIn("TERMINATING", "TERMINATED");
            assertThat(detail.get("requestIdentity").asText()).isEqualTo("t-1");
            assertThat(detail.get("clientToken").asText()).startsWith("ess1-");
        });
        assertThat(terminated.get(0).get("clientToken")).as("the same request, the same token")
                .isEqualTo(terminated.get(1).get("clientToken"));
    }

    @Test
    void an_eventbridge_rule_ends_a_session_and_its_redelivered_event_does_nothing_more() {
        String sessionId = startedSession();
        ScheduledEvent event = new ScheduledEvent();
        event.setId("e-end-1");
        event.setDetail(JSON.convertValue(terminate(sessionId), java.util.Map.class));

        watch.eventBridgeHandler().handleRequest(event, LocalContext.fresh());
        watch.eventBridgeHandler().handleRequest(event, LocalContext.fresh());

        assertThat(watch.details(OutcomeEvents.TERMINATED)).hasSize(2).allSatisfy(detail -> {
            assertThat(detail.get("requestIdentity").asText()).isEqualTo("e-end-1");
            assertThat(detail.get("trigger").asText()).isEqualTo("eventbridge");
        });
        assertThat(watch.aws().emr().session(TestSettings.APPLICATION_ID, sessionId).orElseThrow().state())
                .isIn(SessionState.TERMINATING, SessionState.TERMINATED);
    }

    @Test
    void a_session_that_does_not_exist_is_a_final_terminate_failure() {
        assertThat(send("t-1", terminate("00nosuchsession")).getBatchItemFailures()).isEmpty();

        JsonNode failed = watch.details(OutcomeEvents.TERMINATE_FAILED).get(0);
        assertThat(failed.get("error").get("code").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(failed.get("final").asBoolean()).isTrue();
        assertThat(failed.get("sessionId").asText()).isEqualTo("00nosuchsession");
    }

    @Test
    void a_terminate_request_is_validated_with_every_violation_named() {
        ObjectNode broken = terminate("Not-A-Session").put("executionRoleArn", TestSettings.ROLE_ARN)
                .put("name", "x");
        send("t-1", broken);

        JsonNode error = watch.details(OutcomeEvents.TERMINATE_FAILED).get(0).get("error");
        assertThat(error.get("code").asText()).isEqualTo("InvalidSessionRequest");
        assertThat(error.get("violations")).extracting(violation -> violation.get("field").asText())
                .containsExactlyInAnyOrder("executionRoleArn", "name", "sessionId");
        assertThat(watch.aws().emr().requestCount(EmrOperation.TERMINATE_SESSION)).isZero();
    }

    @Test
    void a_start_request_may_not_name_a_session_nor_an_unknown_action() {
        send("s-1", Requests.valid().put("sessionId", "00abc").put("action", "stop"));

        JsonNode error = watch.details(OutcomeEvents.START_FAILED).get(0).get("error");
        assertThat(error.get("violations")).extracting(violation -> violation.get("field").asText())
                .containsExactlyInAnyOrder("action", "sessionId");
    }

    @Test
    void a_terminate_request_outside_the_allowlist_is_refused_before_any_call() {
        send("t-1", terminate("00abc").put("applicationId", "00notallowed"));

        assertThat(watch.details(OutcomeEvents.TERMINATE_FAILED).get(0).get("error").get("code").asText())
                .isEqualTo("SessionRequestNotAllowed");
        assertThat(watch.aws().emr().requestCount(EmrOperation.TERMINATE_SESSION)).isZero();
    }

    @Test
    void a_direct_invoke_returns_the_session_and_its_state() throws IOException {
        String sessionId = startedSession();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        byte[] request = terminate(sessionId).put("idempotencyKey", "end-1").toString().getBytes(StandardCharsets.UTF_8);
        watch.directHandler().handleRequest(new ByteArrayInputStream(request), out, LocalContext.fresh());

        JsonNode answer = JSON.readTree(out.toByteArray());
        assertThat(answer.get("applicationId").asText()).isEqualTo(TestSettings.APPLICATION_ID);
        assertThat(answer.get("sessionId").asText()).isEqualTo(sessionId);
        assertThat(answer.get("state").asText()).isIn("TERMINATING", "TERMINATED");
        assertThat(answer.get("requestIdentity").asText()).isEqualTo("end-1");
        assertThatThrownBy(() -> watch.directHandler().handleRequest(new ByteArrayInputStream(
                terminate("00nosuchsession").put("idempotencyKey", "end-2").toString()
                        .getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), LocalContext.fresh()))
                .isInstanceOf(SessionStartRejectedException.class);
    }

    @Test
    void a_waiting_task_succeeds_once_the_session_is_terminated_and_no_readiness_event_follows() {
        String sessionId = startedSession();
        int eventsBefore = watch.events().size();
        String taskToken = watch.aws().stepFunctions().issueTaskToken();

        send("t-1", terminate(sessionId).put("taskToken", taskToken));
        assertThat(watch.aws().stepFunctions().calls(TaskCallbackOperation.SEND_TASK_SUCCESS)).isEmpty();
        watch.deliverAllChecks(10);

        List<TaskCallbackCall> succeeded = watch.aws().stepFunctions().calls(TaskCallbackOperation.SEND_TASK_SUCCESS);
        assertThat(succeeded).singleElement().satisfies(call -> {
            JsonNode output = json(call.output());
            assertThat(output.get("sessionId").asText()).isEqualTo(sessionId);
            assertThat(output.get("state").asText()).isEqualTo("TERMINATED");
            assertThat(output.get("requestIdentity").asText()).isEqualTo("t-1");
            assertThat(output.fieldNames()).toIterable()
                    .containsExactly("applicationId", "sessionId", "state", "requestIdentity");
        });
        assertThat(watch.events().subList(eventsBefore, watch.events().size())).extracting(RecordedEvent::detailType)
                .containsExactly(OutcomeEvents.TERMINATED);
    }

    /** A session started through the SQS handler and its watch run to Ready; its id. */
    private String startedSession() {
        send("s-0", Requests.valid());
        watch.deliverAllChecks(10);
        return watch.details(OutcomeEvents.STARTED).get(0).get("sessionId").asText();
    }

    private static ObjectNode terminate(String sessionId) {
        return JSON.createObjectNode().put("action", "terminate").put("applicationId", TestSettings.APPLICATION_ID)
                .put("sessionId", sessionId);
    }

    private SQSBatchResponse send(String messageId, ObjectNode request) {
        return watch.sqsHandler().handleRequest(SqsEvents.batch(SqsEvents.message(messageId, request.toString())),
                LocalContext.fresh());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

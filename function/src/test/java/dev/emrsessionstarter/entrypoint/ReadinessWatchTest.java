package dev.emrsessionstarter.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.emr.SessionState;
import dev.emrsessionstarter.emulator.emr.StartupOutcome;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.stepfunctions.TaskCallbackOperation;
import dev.emrsessionstarter.emulator.stepfunctions.TaskState;
import dev.emrsessionstarter.emulator.stepfunctions.TaskView;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.testing.TestSettings;
import dev.emrsessionstarter.testing.WatchFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/contract.md section 6, end to end: requests through their entry points, the watch function on the checks they
 * schedule, against the EMR Serverless, EventBridge and Step Functions emulators on one manual clock. With the
 * emulator's default start-up (SUBMITTED 2 s, STARTING 30 s, then IDLE) and the default backoff (10 s, doubling to
 * 60 s), a session is read at 10, 30 and 70 s and found ready at the third read; its history says it was ready at 32 s.
 */
class ReadinessWatchTest {

    private WatchFixture watch = WatchFixture.start();

    @AfterEach
    void stop() {
        watch.close();
    }

    @Test
    void a_started_session_is_followed_until_ready() {
        SQSBatchResponse started = sendOne("m-1", Requests.valid());
        assertThat(started.getBatchItemFailures()).isEmpty();

        assertThat(watch.deliverAllChecks(10)).isEqualTo(3);

        assertThat(watch.scheduled()).extracting(ScheduledCheck::delay)
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40));
        assertThat(watch.events()).extracting(RecordedEvent::detailType)
                .containsExactly(OutcomeEvents.STARTED, OutcomeEvents.READY);
        JsonNode startedEvent = watch.details(OutcomeEvents.STARTED).get(0);
        JsonNode ready = watch.details(OutcomeEvents.READY).get(0);
        for (String fact : List.of("requestIdentity", "trigger", "clientToken", "applicationId", "executionRoleArn",
                "name", "correlationId", "attempt", "sessionId", "arn")) {
            assertThat(ready.get(fact)).as(fact).isEqualTo(startedEvent.get(fact));
        }
        assertThat(ready.get("state").asText()).isEqualTo("IDLE");
        assertThat(ready.get("checks").asInt()).isEqualTo(3);
        assertThat(ready.get("secondsToReady").asDouble()).as("from the session's own history").isEqualTo(32.0);
        assertThat(watch.events().get(1).resources()).containsExactly(startedEvent.get("arn").asText());
    }

    @Test
    void a_session_that_fails_to_start_ends_with_session_failed_and_its_details() {
        sendOne("m-1", Requests.valid());
        watch.deliverNextCheck();
        String sessionId = watch.details(OutcomeEvents.STARTED).get(0).get("sessionId").asText();
        watch.aws().emr().failSession(TestSettings.APPLICATION_ID, sessionId, "Insufficient capacity");

        watch.deliverAllChecks(5);

        JsonNode failed = watch.details(OutcomeEvents.SESSION_FAILED).get(0);
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("stateDetails").asText()).isEqualTo("Insufficient capacity");
        assertThat(failed.get("checks").asInt()).isEqualTo(2);
        assertThat(failed.get("secondsWaited").asDouble()).as("it failed 10 s after its creation").isEqualTo(10.0);
        assertThat(watch.details(OutcomeEvents.READY)).isEmpty();
    }

    @Test
    void a_session_not_ready_in_time_ends_not_ready_and_keeps_running() {
        watch.close();
        watch = WatchFixture.start(WatchFixture.watching().with(Settings.READINESS_TIMEOUT_MINUTES, "1"));
        watch.aws().emr().startupForNextSessions(1, StartupOutcome.neverReady());
        sendOne("m-1", Requests.valid());

        watch.deliverAllChecks(10);

        // 10, 30, then the backoff's 40 s is cut to the 30 s left: the last read is at the timeout itself.
        assertThat(watch.scheduled()).extracting(ScheduledCheck::delay)
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30));
        JsonNode notReady = watch.details(OutcomeEvents.NOT_READY).get(0);
        assertThat(notReady.get("state").asText()).isEqualTo("STARTING");
        assertThat(notReady.get("terminated").asBoolean()).isFalse();
        assertThat(notReady.get("secondsWaited").asDouble()).isEqualTo(60.0);
        assertThat(watch.aws().emr().sessions(TestSettings.APPLICATION_ID)).extracting(session -> session.state())
                .containsExactly(SessionState.STARTING);
        assertThat(watch.aws().emr().requestCount(EmrOperation.TERMINATE_SESSION)).isZero();
    }

    @Test
    void a_session_not_ready_in_time_is_terminated_when_the_deployment_says_so() {
        watch.close();
        watch = WatchFixture.start(WatchFixture.watching().with(Settings.READINESS_TIMEOUT_MINUTES, "1")
                .with(Settings.TERMINATE_UNREADY_SESSIONS, "true"));
        watch.aws().emr().startupForNextSessions(1, StartupOutcome.neverReady());
        sendOne("m-1", Requests.valid());

        watch.deliverAllChecks(10);

        assertThat(watch.details(OutcomeEvents.NOT_READY).get(0).get("terminated").asBoolean()).isTrue();
        assertThat(watch.aws().emr().sessions(TestSettings.APPLICATION_ID)).extracting(session -> session.state())
                .containsExactly(SessionState.TERMINATING);
    }

    @Test
    void a_brief_getsession_error_is_retried_within_the_check() {
        sendOne("m-1", Requests.valid());
        watch.aws().emr().faults(EmrOperation.GET_SESSION).failNext(2, CallFault.INTERNAL_ERROR);

        watch.deliverAllChecks(10);

        assertThat(watch.details(OutcomeEvents.READY)).hasSize(1);
        assertThat(watch.scheduled()).hasSize(3);
    }

    @Test
    void a_lasting_getsession_error_hands_the_check_back_and_loses_nothing() {
        sendOne("m-1", Requests.valid());
        watch.aws().emr().faults(EmrOperation.GET_SESSION).failNext(4, CallFault.INTERNAL_ERROR);

        SQSBatchResponse first = watch.deliverNextCheck();

        assertThat(first.getBatchItemFailures()).hasSize(1);
        watch.deliverAllChecks(10);
        assertThat(watch.details(OutcomeEvents.READY)).hasSize(1);
    }

    @Test
    void a_session_getsession_cannot_find_ends_with_session_failed_naming_the_code() throws Exception {
        sendOne("m-1", Requests.valid());
        ObjectNode check = (ObjectNode) json(watch.scheduled().get(0).body());
        check.put("sessionId", "00unknownsession0");

        SQSBatchResponse response = watch.deliverCheck(check.toString());

        assertThat(response.getBatchItemFailures()).isEmpty();
        JsonNode failed = watch.details(OutcomeEvents.SESSION_FAILED).get(0);
        assertThat(failed.get("error").get("code").asText()).isEqualTo("ResourceNotFoundException");
        assertThat(failed.get("state").isNull()).isTrue();
        assertThat(failed.get("sessionId").asText()).isEqualTo("00unknownsession0");
    }

    @Test
    void access_denied_to_getsession_ends_the_watch_with_session_failed() {
        sendOne("m-1", Requests.valid());
        watch.aws().emr().faults(EmrOperation.GET_SESSION).failNext(1, CallFault.ACCESS_DENIED);

        watch.deliverAllChecks(10);

        assertThat(watch.details(OutcomeEvents.SESSION_FAILED).get(0).get("error").get("code").asText())
                .startsWith("AccessDenied");
    }

    @Test
    void a_check_this_function_did_not_write_is_handed_back_for_the_dead_letter_queue() {
        assertThat(watch.deliverCheck("{\"not\": \"a check\"}").getBatchItemFailures()).hasSize(1);
        assertThat(watch.events()).isEmpty();
    }

    @Test
    void a_check_outside_the_allowlists_is_dropped_without_any_call_task_or_event() {
        sendOne("m-1", Requests.valid());
        String body = watch.scheduled().get(0).body();
        String token = watch.aws().stepFunctions().issueTaskToken();
        int readsBefore = watch.aws().emr().requestCount(EmrOperation.GET_SESSION);
        int eventsBefore = watch.events().size();

        for (String forged : List.of(
                forge(body, "applicationId", "00otherapplication", token),
                forge(body, "executionRoleArn", "arn:aws:iam::123456789012:role/SomeoneElsesRole", token))) {
            assertThat(watch.deliverCheck(forged).getBatchItemFailures()).as("dropped, not handed back").isEmpty();
        }

        assertThat(watch.aws().emr().requestCount(EmrOperation.GET_SESSION)).isEqualTo(readsBefore);
        assertThat(watch.aws().emr().requestCount(EmrOperation.TERMINATE_SESSION)).isZero();
        assertThat(watch.aws().stepFunctions().calls()).isEmpty();
        assertThat(watch.events()).hasSize(eventsBefore);
    }

    @Test
    void a_check_naming_a_role_its_session_does_not_run_with_is_dropped_after_the_read() {
        sendOne("m-1", Requests.valid());
        String token = watch.aws().stepFunctions().issueTaskToken();
        String allowedButNotTheSessions = "arn:aws:iam::123456789012:role/emr/Other";
        String forged = forge(watch.scheduled().get(0).body(), "executionRoleArn", allowedButNotTheSessions, token);
        int eventsBefore = watch.events().size();

        assertThat(watch.deliverCheck(forged).getBatchItemFailures()).isEmpty();

        assertThat(watch.aws().stepFunctions().calls()).isEmpty();
        assertThat(watch.events()).hasSize(eventsBefore);
    }

    @Test
    void a_follow_up_check_naming_a_role_its_session_does_not_run_with_is_dropped_too() {
        sendOne("m-1", Requests.valid());
        String forged = forge(watch.scheduled().get(0).body(), "executionRoleArn",
                "arn:aws:iam::123456789012:role/emr/Other", watch.aws().stepFunctions().issueTaskToken());
        forged = forged.replace("\"version\"", "\"purpose\":\"follow\",\"version\"");
        int eventsBefore = watch.events().size();

        assertThat(watch.deliverCheck(forged).getBatchItemFailures()).isEmpty();

        assertThat(watch.events()).hasSize(eventsBefore);
        assertThat(watch.scheduled()).as("no next check for it").hasSize(1);
    }

    @Test
    void a_failed_sessions_details_are_scrubbed_of_its_own_configuration_values() {
        String secret = Requests.PLANTED_SECRET;
        sendOne("m-1", Requests.withSecret());
        watch.deliverNextCheck();
        String sessionId = watch.details(OutcomeEvents.STARTED).get(0).get("sessionId").asText();
        watch.aws().emr().failSession(TestSettings.APPLICATION_ID, sessionId, "Invalid value " + secret
                + " for spark.hadoop.fs.s3a.secret.key; it starts " + secret.substring(0, 20));

        watch.deliverAllChecks(5);

        String details = watch.details(OutcomeEvents.SESSION_FAILED).get(0).get("stateDetails").asText();
        assertThat(details).isEqualTo("Invalid value **** for spark.hadoop.fs.s3a.secret.key; it starts ****");
    }

    /** A check as the function wrote it, with one member changed and someone's task token added. */
    private static String forge(String body, String member, String value, String taskToken) {
        try {
            ObjectNode check = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            return check.put(member, value).put("taskToken", taskToken).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_check_that_cannot_be_scheduled_makes_its_request_a_retry() {
        watch.queueRefuses();

        SQSBatchResponse response = sendOne("m-1", Requests.valid());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-1");
        assertThat(watch.details(OutcomeEvents.STARTED)).hasSize(1);
        assertThat(watch.details(OutcomeEvents.START_FAILED)).as("not its last delivery: nothing final to say yet")
                .isEmpty();
    }

    @Test
    void a_batch_schedules_its_checks_together() {
        watch.sqsHandler().handleRequest(SqsEvents.batch(
                SqsEvents.message("m-1", Requests.valid().put("name", "one").toString()),
                SqsEvents.message("m-2", Requests.valid().put("name", "two").toString()),
                SqsEvents.message("m-3", Requests.valid().put("name", "three").toString())), LocalContext.fresh());

        assertThat(watch.scheduled()).hasSize(3).allSatisfy(check ->
                assertThat(check.delay()).isEqualTo(Duration.ofSeconds(10)));
        watch.deliverAllChecks(20);
        assertThat(watch.details(OutcomeEvents.READY)).extracting(detail -> detail.get("name").asText())
                .containsExactlyInAnyOrder("one", "two", "three");
    }

    @Test
    void a_waiting_task_gets_a_heartbeat_per_check_and_the_session_when_it_is_ready() {
        String taskToken = watch.aws().stepFunctions().issueTaskToken();
        sendOne("m-1", Requests.valid().put("taskToken", taskToken));

        watch.deliverAllChecks(10);

        TaskView task = watch.aws().stepFunctions().task(taskToken);
        assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(task.heartbeats()).isEqualTo(2);
        JsonNode output = json(task.output());
        JsonNode ready = watch.details(OutcomeEvents.READY).get(0);
        assertThat(output.fieldNames()).toIterable().containsExactlyInAnyOrder("applicationId", "sessionId", "arn",
                "clientToken", "requestIdentity", "state", "endpoint");
        assertThat(output.get("sessionId")).isEqualTo(ready.get("sessionId"));
        assertThat(output.get("endpoint")).as("the Ready event's endpoint").isEqualTo(ready.get("endpoint"));
        assertThat(output.get("endpoint").asText()).startsWith("https://");
        assertThat(output.get("clientToken")).isEqualTo(ready.get("clientToken"));
        assertThat(output.get("state").asText()).isEqualTo("IDLE");
    }

    @Test
    void a_waiting_task_fails_with_a_name_a_catch_can_match() {
        String failedToken = watch.aws().stepFunctions().issueTaskToken();
        String invalidToken = watch.aws().stepFunctions().issueTaskToken();
        String refusedToken = watch.aws().stepFunctions().issueTaskToken();
        sendOne("failing", Requests.valid().put("taskToken", failedToken));
        sendOne("invalid", Requests.valid().put("idleTimeoutMinutes", -1).put("taskToken", invalidToken));
        sendOne("refused", Requests.valid().put("executionRoleArn", "arn:aws:iam::123456789012:role/Admin")
                .put("taskToken", refusedToken));
        watch.deliverNextCheck();
        String sessionId = watch.details(OutcomeEvents.STARTED).get(0).get("sessionId").asText();
        watch.aws().emr().failSession(TestSettings.APPLICATION_ID, sessionId, "Insufficient capacity");
        watch.deliverAllChecks(5);

        assertThat(watch.aws().stepFunctions().task(failedToken).error())
                .isEqualTo("dev.emrsessionstarter.entrypoint.SessionFailedException");
        assertThat(watch.aws().stepFunctions().task(invalidToken).error())
                .isEqualTo(InvalidSessionRequestException.class.getName());
        assertThat(watch.aws().stepFunctions().task(refusedToken).error())
                .isEqualTo(SessionRequestNotAllowedException.class.getName());
        JsonNode cause = json(watch.aws().stepFunctions().task(invalidToken).cause());
        assertThat(cause.get("code").asText()).isEqualTo("InvalidSessionRequest");
        assertThat(cause.get("message").asText()).contains("idleTimeoutMinutes");
    }

    @Test
    void an_unready_session_fails_its_task_as_not_ready() {
        watch.close();
        watch = WatchFixture.start(WatchFixture.watching().with(Settings.READINESS_TIMEOUT_MINUTES, "1"));
        watch.aws().emr().startupForNextSessions(1, StartupOutcome.neverReady());
        String taskToken = watch.aws().stepFunctions().issueTaskToken();
        sendOne("m-1", Requests.valid().put("taskToken", taskToken));

        watch.deliverAllChecks(10);

        assertThat(watch.aws().stepFunctions().task(taskToken).error())
                .isEqualTo("dev.emrsessionstarter.entrypoint.SessionNotReadyException");
    }

    @Test
    void a_task_that_is_gone_ends_the_callback_quietly_and_the_events_still_go_out() {
        String taskToken = watch.aws().stepFunctions().issueTaskToken();
        sendOne("m-1", Requests.valid().put("taskToken", taskToken));
        watch.aws().stepFunctions().stopTask(taskToken);

        List<Boolean> handedBack = new java.util.ArrayList<>();
        while (watch.hasWaitingCheck()) {
            handedBack.add(!watch.deliverNextCheck().getBatchItemFailures().isEmpty());
        }

        assertThat(handedBack).containsOnly(false);
        assertThat(watch.details(OutcomeEvents.READY)).hasSize(1);
    }

    @Test
    void a_direct_invoke_that_throws_leaves_its_task_to_the_thrown_error() {
        String taskToken = watch.aws().stepFunctions().issueTaskToken();
        ObjectNode invalid = Requests.valid().put("idleTimeoutMinutes", -1).put("taskToken", taskToken)
                .put("idempotencyKey", "exec-1/Start");

        assertThatThrownBy(() -> invoke(invalid)).isInstanceOf(InvalidSessionRequestException.class);
        assertThat(watch.aws().stepFunctions().requestCount(TaskCallbackOperation.SEND_TASK_FAILURE)).isZero();
    }

    @Test
    void without_the_watch_a_waiting_task_completes_when_the_session_starts() {
        watch.close();
        watch = WatchFixture.start(TestSettings.sample());
        String taskToken = watch.aws().stepFunctions().issueTaskToken();

        sendOne("m-1", Requests.valid().put("taskToken", taskToken));

        TaskView task = watch.aws().stepFunctions().task(taskToken);
        assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(json(task.output()).get("state").asText()).isEqualTo("SUBMITTED");
        assertThat(watch.scheduled()).isEmpty();
    }

    private SQSBatchResponse sendOne(String messageId, ObjectNode request) {
        return watch.sqsHandler().handleRequest(SqsEvents.batch(SqsEvents.message(messageId, request.toString())),
                LocalContext.fresh());
    }

    private static JsonNode json(String text) {
        try {
            return Requests.JSON.readTree(text);
        } catch (java.io.IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    private String invoke(ObjectNode request) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        watch.directHandler().handleRequest(new ByteArrayInputStream(request.toString()
                .getBytes(StandardCharsets.UTF_8)), output, LocalContext.fresh());
        return output.toString(StandardCharsets.UTF_8);
    }
}

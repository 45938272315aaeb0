package dev.emrsessionstarter.harness.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.emulator.emr.StartupOutcome;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.stepfunctions.TaskCallbackOperation;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.testing.WatchFixture;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/contract.md section 6: every started request ends with exactly one of Ready, Failed or Not Ready (repeats of
 * that one allowed), however many watches follow it and however often one reads it: the two ways a request could once
 * end twice, differently, step by step on the watch fixture's manual clock.
 */
class ReadinessEndsDifferTest {

    private static final Set<String> ENDS = Set.of(OutcomeEvents.READY, OutcomeEvents.SESSION_FAILED,
            OutcomeEvents.NOT_READY);

    private WatchFixture watch;

    @AfterEach
    void stop() {
        // Not watch.close(): its schema check of readiness events waits for the schema to list them.
        watch.aws().close();
    }

    /**
     * A producer sends one request twice (same idempotencyKey), 30 s apart. Both deliveries end started with the same
     * session, so each hands it to a watch of its own. The session is ready after 75 s; the watches time out after
     * 60 s each, counted from their own start: the first reads STARTING at 70 s (Not Ready), the second IDLE at 90 s
     * (Ready).
     */
    @Test
    void two_watches_of_one_request_end_it_alike() {
        watch = WatchFixture.start(WatchFixture.watching().with(Settings.READINESS_TIMEOUT_MINUTES, "1"));
        watch.aws().emr().startupForNextSessions(1, StartupOutcome.readyAfter(Duration.ofSeconds(75)));
        ObjectNode request = Requests.valid().put("idempotencyKey", "nightly-2026-12-01");

        send("m-1", request);
        watch.clock().advance(Duration.ofSeconds(30));
        send("m-2", request);
        watch.deliverAllChecks(20);

        assertThat(watch.details(OutcomeEvents.STARTED)).hasSize(2)
                .extracting(started -> started.get("sessionId").asText()).containsOnly(sessionId());
        assertThat(ends()).as("the detail-types of the ends of one client token").hasSize(1);
    }

    /**
     * One watch, one session that never starts, TERMINATE_UNREADY_SESSIONS=true: at 60 s the watch terminates the
     * session and publishes Not Ready, but SendTaskFailure fails every try, so the check is handed back. Delivered
     * again 30 s later, it reads the session it terminated (TERMINATED) and publishes Session Failed; the task fails
     * as SessionFailedException.
     */
    @Test
    void a_watch_handed_back_after_its_end_ends_the_same_way() {
        watch = WatchFixture.start(WatchFixture.watching().with(Settings.READINESS_TIMEOUT_MINUTES, "1")
                .with(Settings.TERMINATE_UNREADY_SESSIONS, "true"));
        watch.aws().emr().startupForNextSessions(1, StartupOutcome.neverReady());
        String taskToken = watch.aws().stepFunctions().issueTaskToken();
        watch.aws().stepFunctions().faults(TaskCallbackOperation.SEND_TASK_FAILURE)
                .failNext(4, CallFault.INTERNAL_ERROR);

        send("m-1", Requests.valid().put("taskToken", taskToken));
        watch.deliverAllChecks(20);

        assertThat(ends()).as("the detail-types of the ends of one client token").hasSize(1);
        assertThat(watch.aws().stepFunctions().task(taskToken).error())
                .isEqualTo("dev.emrsessionstarter.entrypoint.SessionNotReadyException");
    }

    private void send(String messageId, ObjectNode request) {
        assertThat(watch.sqsHandler().handleRequest(SqsEvents.batch(SqsEvents.message(messageId, request.toString())),
                LocalContext.fresh()).getBatchItemFailures()).isEmpty();
    }

    private String sessionId() {
        return watch.details(OutcomeEvents.STARTED).get(0).get("sessionId").asText();
    }

    private List<String> ends() {
        return watch.events().stream().map(RecordedEvent::detailType).filter(ENDS::contains).distinct().toList();
    }
}

package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.emrsessionstarter.internal.emrserverless.model.ResourceNotFoundException;
import dev.emrsessionstarter.internal.emrserverless.model.Session;
import dev.emrsessionstarter.internal.emrserverless.model.TerminateSessionResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionLifecycleTest extends EmrEmulatorTestBase {

    @Test
    void moves_from_submitted_through_starting_to_idle_as_the_clock_advances() {
        Instant created = clock.instant();
        String sessionId = start("token-1").sessionId();

        assertThat(session(sessionId).stateAsString()).isEqualTo("SUBMITTED");
        clock.advance(TIMINGS.submitted());
        assertThat(session(sessionId).stateAsString()).isEqualTo("STARTING");
        assertThat(session(sessionId).startedAt()).isNull();
        clock.advance(TIMINGS.starting());

        Session idle = session(sessionId);
        Instant idleAt = created.plus(TIMINGS.submitted()).plus(TIMINGS.starting());
        assertThat(idle.stateAsString()).isEqualTo("IDLE");
        assertThat(idle.createdAt()).isEqualTo(created);
        assertThat(idle.startedAt()).isEqualTo(idleAt);
        assertThat(idle.idleSince()).isEqualTo(idleAt);
        assertThat(idle.updatedAt()).isEqualTo(idleAt);
        assertThat(idle.endedAt()).isNull();
    }

    @Test
    void terminate_moves_through_terminating_to_terminated_and_is_idempotent() {
        String sessionId = start("token-1").sessionId();
        clock.advance(Duration.ofMinutes(1));
        Instant terminatedAt = clock.instant();

        TerminateSessionResponse response = client.terminateSession(r -> r.applicationId(APP_ID).sessionId(sessionId));

        assertThat(response.applicationId()).isEqualTo(APP_ID);
        assertThat(response.sessionId()).isEqualTo(sessionId);
        assertThat(session(sessionId).stateAsString()).isEqualTo("TERMINATING");
        assertThat(session(sessionId).endedAt()).isNull();
        clock.advance(TIMINGS.terminating());
        Session ended = session(sessionId);
        assertThat(ended.stateAsString()).isEqualTo("TERMINATED");
        assertThat(ended.endedAt()).isEqualTo(terminatedAt.plus(TIMINGS.terminating()));

        client.terminateSession(r -> r.applicationId(APP_ID).sessionId(sessionId));
        assertThat(session(sessionId).endedAt()).isEqualTo(ended.endedAt());
    }

    @Test
    void idle_timeout_terminates_the_session() {
        String sessionId = client.startSession(validRequest("token-1").idleTimeoutMinutes(15L).build()).sessionId();

        clock.advance(TIMINGS.submitted().plus(TIMINGS.starting()).plus(Duration.ofMinutes(15)));

        assertThat(session(sessionId).stateAsString()).isEqualTo("TERMINATING");
        assertThat(session(sessionId).stateDetails()).contains("idle timeout");
    }

    @Test
    void a_failed_session_reports_failed() {
        String sessionId = start("token-1").sessionId();

        emulator.failSession(APP_ID, sessionId, "Session failed: out of capacity.");

        assertThat(session(sessionId).stateAsString()).isEqualTo("FAILED");
        assertThat(session(sessionId).endedAt()).isEqualTo(clock.instant());
    }

    @Test
    void session_carries_every_required_member_and_echoes_the_request() {
        String sessionId = start("token-1").sessionId();

        Session session = session(sessionId);

        assertThat(sessionId).matches("[0-9a-z]{16,20}");
        assertThat(session.arn()).isEqualTo(
                "arn:aws:emr-serverless:us-east-1:123456789012:/applications/" + APP_ID + "/sessions/" + sessionId)
                .matches("^arn:(aws[a-zA-Z0-9-]*):emr-serverless:.+:(\\d{12}):\\/applications\\/[0-9a-zA-Z]+"
                        + "\\/sessions\\/[0-9a-zA-Z]+$");
        assertThat(session.applicationId()).isEqualTo(APP_ID);
        assertThat(session.name()).isEqualTo("nightly-exploration");
        assertThat(session.stateDetails()).isNotBlank();
        assertThat(session.releaseLabel()).isEqualTo("emr-7.13.0");
        assertThat(session.executionRoleArn()).isEqualTo(ROLE);
        assertThat(session.createdBy()).matches("arn:(aws[a-zA-Z0-9-]*):(iam|sts)::(\\d{12})?:[\\w/+=,.@-]+");
        assertThat(session.idleTimeoutMinutes()).isEqualTo(60L);
        assertThat(session.tags()).containsEntry("team", "analytics");
        assertThat(session.configurationOverrides().runtimeConfiguration().get(0).properties())
                .containsEntry("spark.executor.memory", "4g");
        assertThat(emulator.session(APP_ID, sessionId).orElseThrow().clientToken()).isEqualTo("token-1");
    }

    @Test
    void unknown_session_is_not_found() {
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> client.getSession(r -> r.applicationId(APP_ID).sessionId("00nosuchsession"))).statusCode())
                .isEqualTo(404);
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> client.terminateSession(r -> r.applicationId(APP_ID).sessionId("00nosuchsession"))))
                .isNotNull();
    }

    private Session session(String sessionId) {
        return client.getSession(request -> request.applicationId(APP_ID).sessionId(sessionId)).session();
    }
}

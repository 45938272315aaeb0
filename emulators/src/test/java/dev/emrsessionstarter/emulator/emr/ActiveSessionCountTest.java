package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emrsessionstarter.internal.emrserverless.model.ServiceQuotaExceededException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The quota counts the sessions that have not ended at the moment of the call, however they ended: on their own as the
 * clock moves (a failed start-up, an idle timeout), on command (TerminateSession, a failure), and again when a test
 * sets its clock back before an end.
 */
class ActiveSessionCountTest extends EmrEmulatorTestBase {

    private static final String QUOTA_APP = "00fkquota12345";
    private final AtomicInteger tokens = new AtomicInteger();

    @Test
    void the_count_follows_ends_driven_by_the_clock_and_by_commands() {
        emulator.addApplication(Application.builder().id(QUOTA_APP).maxConcurrentSessions(3).build());
        Instant start = clock.instant();
        emulator.startupForNextSessions(1, StartupOutcome.failedAfter(Duration.ofSeconds(20)));
        start();
        // IDLE at 10 s, idle timeout 1 min, TERMINATED after TIMINGS.terminating() (10 s): ended at 80 s.
        emulator.startupForNextSessions(1, StartupOutcome.readyAfter(Duration.ofSeconds(10)));
        startWithIdleTimeout(1);
        emulator.startupForNextSessions(1, StartupOutcome.neverReady());
        String neverReady = start();

        assertThat(admits()).as("three of three active at 0 s").isFalse();
        clock.set(start.plusSeconds(19));
        assertThat(admits()).as("the failure at 20 s has not come").isFalse();
        clock.set(start.plusSeconds(20));
        emulator.startupForNextSessions(1, StartupOutcome.neverReady());
        assertThat(admits()).as("the failed start-up freed a slot at 20 s").isTrue();
        assertThat(admits()).as("full again").isFalse();

        clock.set(start.plusSeconds(79));
        assertThat(admits()).as("terminating after its idle timeout still counts").isFalse();
        clock.set(start.plusSeconds(80));
        emulator.startupForNextSessions(1, StartupOutcome.neverReady());
        assertThat(admits()).as("terminated after its idle timeout at 80 s").isTrue();
        assertThat(admits()).isFalse();

        client.terminateSession(request -> request.applicationId(QUOTA_APP).sessionId(neverReady));
        assertThat(admits()).as("terminating on request still counts").isFalse();
        clock.advance(TIMINGS.terminating());
        Instant terminated = clock.instant();
        assertThat(admits()).as("terminated on request").isTrue();

        String failing = emulator.sessions(QUOTA_APP).get(emulator.sessions(QUOTA_APP).size() - 1).sessionId();
        assertThat(admits()).isFalse();
        emulator.failSession(QUOTA_APP, failing, "failed on command");
        emulator.startupForNextSessions(1, StartupOutcome.neverReady());
        assertThat(admits()).as("failed on command").isTrue();

        clock.set(terminated.minusSeconds(1));
        assertThat(admits()).as("one second earlier the terminated session was still terminating").isFalse();
        clock.set(start.plusSeconds(19));
        assertThat(admits()).as("at 19 s the failed start-up and the idle session count again").isFalse();
        clock.set(terminated.plusSeconds(3600));
        assertThat(activeByState()).isEqualTo(3);
        assertThat(admits()).isFalse();
    }

    /** Whether a new session is admitted now; an admitted one stays STARTING (unless a test set its start-up). */
    private boolean admits() {
        try {
            startWithIdleTimeout(0);
            return true;
        } catch (ServiceQuotaExceededException full) {
            return false;
        }
    }

    private String start() {
        return startWithIdleTimeout(0);
    }

    private String startWithIdleTimeout(long minutes) {
        return client.startSession(validRequest("count-" + tokens.incrementAndGet()).applicationId(QUOTA_APP)
                .idleTimeoutMinutes(minutes).build()).sessionId();
    }

    private long activeByState() {
        return emulator.sessions(QUOTA_APP).stream().filter(session -> !session.state().isTerminal()).count();
    }
}

package dev.emrsessionstarter.testing;

import dev.emrsessionstarter.core.port.BatchPublisher;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.SessionMonitor;
import dev.emrsessionstarter.core.port.SessionStarter;
import dev.emrsessionstarter.core.port.TaskCallbacks;
import dev.emrsessionstarter.wiring.Ports;
import java.time.Duration;

/** Ports for tests that follow a request up to its start: the readiness ports fail the test if anything calls them. */
public final class TestPorts {

    private TestPorts() {
    }

    public static Ports of(SessionStarter starter, BatchPublisher<OutcomeEvent> publisher) {
        return new Ports(starter, publisher, NO_CHECKS, NO_SESSIONS, NO_TASKS);
    }

    private static final BatchPublisher<ScheduledCheck> NO_CHECKS = (checks, timeout) -> {
        throw new AssertionError("no readiness check was expected");
    };

    private static final SessionMonitor NO_SESSIONS = new SessionMonitor() {
        @Override
        public ServiceCall<SessionState> read(String applicationId, String sessionId, Duration timeout) {
            throw new AssertionError("no GetSession was expected");
        }

        @Override
        public ServiceCall<Void> terminate(String applicationId, String sessionId, Duration timeout) {
            throw new AssertionError("no TerminateSession was expected");
        }

        @Override
        public ServiceCall<String> endpoint(String applicationId, String sessionId, Duration timeout) {
            throw new AssertionError("no GetSessionEndpoint was expected");
        }
    };

    private static final TaskCallbacks NO_TASKS = new TaskCallbacks() {
        @Override
        public ServiceCall<Void> succeed(String taskToken, String output, Duration timeout) {
            throw new AssertionError("no task callback was expected");
        }

        @Override
        public ServiceCall<Void> fail(String taskToken, String error, String cause, Duration timeout) {
            throw new AssertionError("no task callback was expected");
        }

        @Override
        public ServiceCall<Void> heartbeat(String taskToken, Duration timeout) {
            throw new AssertionError("no task callback was expected");
        }
    };
}

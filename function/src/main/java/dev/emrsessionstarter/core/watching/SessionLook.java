package dev.emrsessionstarter.core.watching;

import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.SessionMonitor.SessionState;
import dev.emrsessionstarter.core.port.SessionMonitor;
import dev.emrsessionstarter.core.retry.Deadline;
import dev.emrsessionstarter.core.retry.ServiceRetries;
import dev.emrsessionstarter.core.starting.ErrorClassifier;
import dev.emrsessionstarter.core.starting.SecretScrubber;
import dev.emrsessionstarter.core.watching.CheckOutcome.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One look at a session: GetSession, and what its state means for the watch. A session still starting when the
 * watch's time is up is not ready (and terminated, where the deployment wants that); one still starting before then
 * keeps its task's heartbeat going and gets another check.
 */
public final class SessionLook {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLook.class);

    /** Usable: BUSY means running a statement. */
    static final Set<String> READY = Set.of("STARTED", "IDLE", "BUSY");
    /** Over before it was ever usable. */
    static final Set<String> ENDED = Set.of("FAILED", "TERMINATING", "TERMINATED");

    private final SessionMonitor sessions;
    private final ServiceRetries retries;
    private final TaskCompletion tasks;
    private final WatchPolicy policy;
    private final Clock clock;

    public SessionLook(SessionMonitor sessions, ServiceRetries retries, TaskCompletion tasks, WatchPolicy policy,
            Clock clock) {
        this.sessions = sessions;
        this.retries = retries;
        this.tasks = tasks;
        this.policy = policy;
        this.clock = clock;
    }

    public CheckOutcome at(String messageId, ReadinessCheck check, Deadline deadline) {
        String applicationId = check.session().applicationId();
        String sessionId = check.session().sessionId();
        ServiceCall<SessionState> read = retries.call(timeout -> sessions.read(applicationId, sessionId, timeout),
                SessionLook::brief, deadline);
        ReadinessCheck looked = check.next();
        Instant now = clock.instant();
        Duration waited = Duration.between(check.startedAt(), now);
        if (read instanceof ServiceCall.Failed<SessionState> failed) {
            String message = SecretScrubber.nothing().scrub(failed.message());
            if (ErrorClassifier.classify(failed.code(), failed.httpStatus()) == ErrorClassifier.Action.REJECT) {
                LOG.warn("GetSession refused: code={}; the watch ends with Session Failed", failed.code());
                return new CheckOutcome.Ended(messageId, looked, Readiness.FAILED, null, null,
                        ErrorInfo.of(failed.code(), message, false), false, now);
            }
            LOG.warn("GetSession failed: code={}; the check will be delivered again", failed.code());
            return new CheckOutcome.RetryLater(messageId, check, failed.code());
        }
        SessionState session = ((ServiceCall.Answered<SessionState>) read).answer();
        if (READY.contains(session.state())) {
            LOG.info("Session ready: state={} checks={} secondsToReady={}", session.state(), looked.checks(),
                    waited.toSeconds());
            return new CheckOutcome.Ended(messageId, looked, Readiness.READY, session.state(), null, null, false, now);
        }
        if (ENDED.contains(session.state())) {
            LOG.warn("Session failed to start: state={} checks={}", session.state(), looked.checks());
            return new CheckOutcome.Ended(messageId, looked, Readiness.FAILED, session.state(),
                    SecretScrubber.nothing().scrub(session.stateDetails()), null, false, now);
        }
        if (waited.compareTo(policy.timeout()) >= 0) {
            return notReady(messageId, looked, session.state(), now, deadline);
        }
        if (check.taskToken() != null
                && tasks.heartbeat(check.taskToken(), deadline) == TaskCompletion.Result.NOT_YET) {
            return new CheckOutcome.RetryLater(messageId, check, "TaskHeartbeatFailed");
        }
        return new CheckOutcome.Continued(messageId, looked, session.state());
    }

    private CheckOutcome notReady(String messageId, ReadinessCheck looked, String state, Instant now,
            Deadline deadline) {
        boolean terminated = false;
        if (policy.terminateUnready()) {
            String applicationId = looked.session().applicationId();
            String sessionId = looked.session().sessionId();
            ServiceCall<Void> terminate = retries.call(
                    timeout -> sessions.terminate(applicationId, sessionId, timeout), SessionLook::brief, deadline);
            if (terminate instanceof ServiceCall.Failed<Void> failed && brief(failed)) {
                LOG.warn("TerminateSession failed: code={}; the check will be delivered again", failed.code());
                return new CheckOutcome.RetryLater(messageId, looked, failed.code());
            }
            terminated = terminate instanceof ServiceCall.Answered;
            if (!terminated) {
                LOG.warn("TerminateSession refused: code={}; the session keeps running",
                        ((ServiceCall.Failed<Void>) terminate).code());
            }
        }
        LOG.warn("Session not ready in time: state={} checks={} terminated={}", state, looked.checks(), terminated);
        return new CheckOutcome.Ended(messageId, looked, Readiness.NOT_READY, state, null, null, terminated, now);
    }

    private static <T> boolean brief(ServiceCall.Failed<T> failed) {
        return ErrorClassifier.classify(failed.code(), failed.httpStatus()) == ErrorClassifier.Action.RETRY_NOW;
    }
}

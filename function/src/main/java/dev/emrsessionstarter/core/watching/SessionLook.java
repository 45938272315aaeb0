package dev.emrsessionstarter.core.watching;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.SessionMonitor;
import dev.emrsessionstarter.core.port.SessionMonitor.SessionState;
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
 * One look at a session: GetSession, and what its history means for the watch.
 *
 * <p>The end is judged from the session's own history, not from the moment of the look, so that every watch of one
 * session ends it alike: a request delivered twice has two watches, and a check handed back is read again later. The
 * session has until {@code createdAt + READINESS_TIMEOUT_MINUTES}. It is Ready if it became usable before then (it may
 * be idle or even over by the time of the look); Failed if it ended before then without ever being usable; otherwise
 * Not Ready, whatever came after. A session still starting before then keeps its task's heartbeat going and gets
 * another check; one still starting after then is not ready (and terminated, where the deployment wants that).
 */
public final class SessionLook {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLook.class);

    /** Usable: BUSY means running a statement. */
    static final Set<String> READY = Set.of("STARTED", "IDLE", "BUSY");
    /** Over: before it was ever usable, unless it has a {@code startedAt}. */
    static final Set<String> ENDED = Set.of("FAILED", "TERMINATING", "TERMINATED");

    private final SessionMonitor sessions;
    private final ServiceRetries retries;
    private final TaskCompletion tasks;
    private final WatchPolicy policy;
    private final FollowPolicy follow;
    private final boolean readyEndpoint;
    private final Clock clock;

    /** @param readyEndpoint whether a ready session's Spark Connect endpoint goes into its Ready event and task */
    public SessionLook(SessionMonitor sessions, ServiceRetries retries, TaskCompletion tasks, WatchPolicy policy,
            FollowPolicy follow, boolean readyEndpoint, Clock clock) {
        this.sessions = sessions;
        this.retries = retries;
        this.tasks = tasks;
        this.policy = policy;
        this.follow = follow;
        this.readyEndpoint = readyEndpoint;
        this.clock = clock;
    }

    public CheckOutcome at(String messageId, ReadinessCheck check, Deadline deadline) {
        String applicationId = check.session().applicationId();
        String sessionId = check.session().sessionId();
        ServiceCall<SessionState> read = retries.call(timeout -> sessions.read(applicationId, sessionId, timeout),
                SessionLook::brief, deadline);
        ReadinessCheck looked = check.next();
        Instant now = clock.instant();
        if (read instanceof ServiceCall.Failed<SessionState> failed) {
            String message = SecretScrubber.nothing().scrub(failed.message());
            if (ErrorClassifier.classify(failed) == ErrorClassifier.Action.REJECT) {
                LOG.warn("GetSession refused: code={}; the watch ends with Session Failed", failed.code());
                return new CheckOutcome.Ended(messageId, looked,
                        check.followsToEnd() ? Readiness.ENDED : Readiness.FAILED, null, null,
                        ErrorInfo.of(failed.code(), message, false), false, Duration.between(check.startedAt(), now));
            }
            LOG.warn("GetSession failed: code={}; the check will be delivered again", failed.code());
            return new CheckOutcome.RetryLater(messageId, check, failed.code());
        }
        SessionState session = ((ServiceCall.Answered<SessionState>) read).answer();
        LOG.debug("GetSession answered: state={} createdAt={} startedAt={} checks={}", session.state(),
                session.createdAt(), session.startedAt(), looked.checks());
        if (check.followsTermination()) {
            // A terminate request names no role: only its application was allowlisted.
            return followTermination(messageId, check, looked, session, deadline);
        }
        if (session.executionRoleArn() != null
                && !session.executionRoleArn().equals(check.session().executionRoleArn())) {
            // The check names a role the session does not run with: it was not written by this function.
            return new CheckOutcome.Refused(messageId, "the session runs with another executionRoleArn than the "
                    + "check names");
        }
        if (check.followsToEnd()) {
            return followToEnd(messageId, check, looked, session);
        }
        Instant start = session.createdAt() != null ? session.createdAt() : check.startedAt();
        Instant timesOut = start.plus(policy.timeout());
        if (session.startedAt() != null || READY.contains(session.state())) {
            Instant readyAt = session.startedAt() != null ? session.startedAt() : now;
            if (readyAt.isBefore(timesOut)) {
                Duration toReady = Duration.between(start, readyAt);
                LOG.info("Session ready: state={} checks={} secondsToReady={}", session.state(), looked.checks(),
                        toReady.toSeconds());
                ServiceCall<String> endpoint = readyEndpoint
                        ? retries.call(timeout -> sessions.endpoint(applicationId, sessionId, timeout),
                                SessionLook::brief, deadline)
                        : null;
                if (endpoint instanceof ServiceCall.Failed<String> failed && retriesLater(failed)) {
                    LOG.warn("GetSessionEndpoint failed: code={}; the check will be delivered again", failed.code());
                    return new CheckOutcome.RetryLater(messageId, check, failed.code());
                }
                // Refused for good (the session ended since the read, say): Ready all the same, without it.
                return new CheckOutcome.Ended(messageId, looked, Readiness.READY, session.state(), null, null,
                        false, toReady, session,
                        endpoint instanceof ServiceCall.Answered<String> answered ? answered.answer() : null);
            }
            return ended(messageId, looked, Readiness.NOT_READY, session, false, policy.timeout());
        }
        if (ENDED.contains(session.state())) {
            Instant endedAt = session.updatedAt() != null ? session.updatedAt() : now;
            return endedAt.isBefore(timesOut)
                    ? ended(messageId, looked, Readiness.FAILED, session, false, Duration.between(start, endedAt))
                    // It ended after its time was up, by this function's hand or its own failure: not ready in time.
                    : ended(messageId, looked, Readiness.NOT_READY, session,
                            policy.terminateUnready() && !"FAILED".equals(session.state()), policy.timeout());
        }
        if (!now.isBefore(timesOut)) {
            // Only the service's own createdAt may get a session terminated: never the check's startedAt, which
            // whoever wrote the check chose.
            return notReadyInTime(messageId, looked, session, session.createdAt() != null, deadline);
        }
        if (check.taskToken() != null
                && tasks.heartbeat(check.taskToken(), deadline) == TaskCompletion.Result.NOT_YET) {
            return new CheckOutcome.RetryLater(messageId, check, ErrorCodes.TASK_HEARTBEAT_FAILED);
        }
        return new CheckOutcome.Continued(messageId, looked, session.state());
    }

    /**
     * After its start-up a session is followed until it ends (TERMINATED or FAILED), or until FOLLOW_TO_END_MAX_HOURS
     * after its creation, when the watch gives up on it.
     */
    private CheckOutcome followToEnd(String messageId, ReadinessCheck check, ReadinessCheck looked,
            SessionState session) {
        Instant now = clock.instant();
        Instant created = session.createdAt() != null ? session.createdAt() : check.startedAt();
        if ("TERMINATED".equals(session.state()) || "FAILED".equals(session.state())) {
            LOG.info("Session ended: state={} checks={}", session.state(), looked.checks());
            String details = SecretScrubber.forValues(session.configurationValues()).scrub(session.stateDetails());
            return new CheckOutcome.Ended(messageId, looked, Readiness.ENDED, session.state(), details, null, false,
                    Duration.between(created, now), session);
        }
        if (!now.isBefore(created.plus(follow.maxAge()))) {
            LOG.warn("Session still running when the watch gives up: state={} checks={}", session.state(),
                    looked.checks());
            return new CheckOutcome.Ended(messageId, looked, Readiness.STILL_RUNNING, session.state(), null, null,
                    false, Duration.between(created, now), session);
        }
        return new CheckOutcome.Continued(messageId, looked, session.state());
    }

    /** A terminate request's task waits for TERMINATED; every other state gets a heartbeat and another check. */
    private CheckOutcome followTermination(String messageId, ReadinessCheck check, ReadinessCheck looked,
            SessionState session, Deadline deadline) {
        if ("TERMINATED".equals(session.state()) || "FAILED".equals(session.state())) {
            LOG.info("Session ended: state={} checks={}", session.state(), looked.checks());
            return new CheckOutcome.Ended(messageId, looked, Readiness.TERMINATED, session.state(), null, null, true,
                    Duration.between(check.startedAt(), clock.instant()));
        }
        if (tasks.heartbeat(check.taskToken(), deadline) == TaskCompletion.Result.NOT_YET) {
            return new CheckOutcome.RetryLater(messageId, check, ErrorCodes.TASK_HEARTBEAT_FAILED);
        }
        return new CheckOutcome.Continued(messageId, looked, session.state());
    }

    private static CheckOutcome ended(String messageId, ReadinessCheck looked, Readiness readiness,
            SessionState session, boolean terminated, Duration elapsed) {
        String details = readiness == Readiness.FAILED
                ? SecretScrubber.forValues(session.configurationValues()).scrub(session.stateDetails()) : null;
        if (readiness == Readiness.FAILED) {
            LOG.warn("Session failed to start: state={} checks={}", session.state(), looked.checks());
        } else {
            LOG.warn("Session not ready in time: state={} checks={} terminated={}", session.state(), looked.checks(),
                    terminated);
        }
        return new CheckOutcome.Ended(messageId, looked, readiness, session.state(), details, null, terminated,
                elapsed, session);
    }

    /** Still starting when its time is up: Not Ready, terminated first where the deployment wants that. */
    private CheckOutcome notReadyInTime(String messageId, ReadinessCheck looked, SessionState session,
            boolean mayTerminate, Deadline deadline) {
        boolean terminated = false;
        if (policy.terminateUnready() && mayTerminate) {
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
        return ended(messageId, looked, Readiness.NOT_READY, session, terminated, policy.timeout());
    }

    private static <T> boolean retriesLater(ServiceCall.Failed<T> failed) {
        return ErrorClassifier.classify(failed) != ErrorClassifier.Action.REJECT;
    }

    private static <T> boolean brief(ServiceCall.Failed<T> failed) {
        return ErrorClassifier.classify(failed) == ErrorClassifier.Action.RETRY_NOW;
    }
}

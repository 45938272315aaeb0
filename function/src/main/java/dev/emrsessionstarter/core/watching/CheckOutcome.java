package dev.emrsessionstarter.core.watching;

import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.TaskFailure;
import dev.emrsessionstarter.core.port.SessionMonitor.SessionState;
import java.time.Duration;

/** What one readiness check came to: the watch ended, it goes on, or the check must be delivered again. */
public sealed interface CheckOutcome {

    /** The watch-queue message the check came in. */
    String messageId();

    default boolean needsRetry() {
        return this instanceof RetryLater;
    }

    /** How a watch ends. */
    enum Readiness {
        READY(null),
        /** A session a terminate request ended is TERMINATED (or FAILED): its waiting task succeeds. */
        TERMINATED(null),
        /** A ready (or unready but running) session has ended: Session Ended, with what it used. */
        ENDED(null),
        /** The watch gave up on a session still running after FOLLOW_TO_END_MAX_HOURS: Session Still Running. */
        STILL_RUNNING(null),
        FAILED(TaskFailure.SESSION_FAILED),
        NOT_READY(TaskFailure.SESSION_NOT_READY);

        private final TaskFailure taskFailure;

        Readiness(TaskFailure taskFailure) {
            this.taskFailure = taskFailure;
        }

        /** How a waiting task fails when the watch ends this way. */
        public TaskFailure taskFailure() {
            return taskFailure;
        }
    }

    /**
     * The watch ended.
     *
     * @param check the check, counting this read
     * @param state the session's state, or null when GetSession refused to say (then {@code error} tells why)
     * @param stateDetails the service's words on a failed state, scrubbed; or null
     * @param terminated whether the function terminated a session that was not ready in time
     * @param elapsed from the start to the end: to readiness (Ready), to the failure (Failed), to the timeout (Not
     *     Ready); from the session's own timestamps where the service gives them, so every look at it agrees
     * @param read what GetSession said, for the events that report what the session used; null when it refused
     * @param endpoint a ready session's Spark Connect endpoint, where the deployment wants it; else null
     */
    record Ended(String messageId, ReadinessCheck check, Readiness readiness, String state, String stateDetails,
            ErrorInfo error, boolean terminated, Duration elapsed, SessionState read, String endpoint)
            implements CheckOutcome {

        /** Without the read, as when GetSession refused to say. */
        public Ended(String messageId, ReadinessCheck check, Readiness readiness, String state, String stateDetails,
                ErrorInfo error, boolean terminated, Duration elapsed) {
            this(messageId, check, readiness, state, stateDetails, error, terminated, elapsed, null, null);
        }

        public Ended(String messageId, ReadinessCheck check, Readiness readiness, String state, String stateDetails,
                ErrorInfo error, boolean terminated, Duration elapsed, SessionState read) {
            this(messageId, check, readiness, state, stateDetails, error, terminated, elapsed, read, null);
        }
    }

    /** The session is still starting: {@code next} is the next check to schedule. */
    record Continued(String messageId, ReadinessCheck next, String state) implements CheckOutcome {
    }

    /**
     * The check is not one this function may act on (outside the deployment's allowlists, or naming a session other
     * than the one it describes): it is dropped from the queue, and nothing is called, completed or published for it.
     *
     * @param reason why, without any of the check's contents
     */
    record Refused(String messageId, String reason) implements CheckOutcome {
    }

    /**
     * The check must be delivered again (SQS does so after the visibility timeout).
     *
     * @param check the check, or null when its message could not be read
     */
    record RetryLater(String messageId, ReadinessCheck check, String code) implements CheckOutcome {
    }
}

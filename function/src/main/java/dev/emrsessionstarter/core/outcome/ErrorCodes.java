package dev.emrsessionstarter.core.outcome;

/**
 * Error codes the function itself assigns. Errors from EMR Serverless keep the service's own code (for example
 * {@code ValidationException} or {@code ThrottlingException}).
 */
public final class ErrorCodes {

    /** The request broke one or more rules; the violations name them. */
    public static final String INVALID_SESSION_REQUEST = "InvalidSessionRequest";
    /** The request is well formed but names an application or role outside the deployment's allowlists. */
    public static final String SESSION_REQUEST_NOT_ALLOWED = "SessionRequestNotAllowed";
    /** The session started (or the rejection stands) but its outcome event could not be published. */
    public static final String OUTCOME_EVENT_NOT_DELIVERED = "OutcomeEventNotDelivered";
    /** The session started but its first readiness check could not be put on the watch queue. */
    public static final String READINESS_CHECK_NOT_SCHEDULED = "ReadinessCheckNotScheduled";
    /** A Step Functions task waiting for the request could not be completed yet. */
    public static final String TASK_CALLBACK_FAILED = "TaskCallbackFailed";
    /** A FIFO message was not attempted because an earlier message of its group failed in the same batch. */
    public static final String PRECEDING_MESSAGE_FAILED = "PrecedingMessageFailed";
    /** Too little of the invocation's time was left to make (another) attempt. */
    public static final String INSUFFICIENT_TIME_REMAINING = "InsufficientTimeRemaining";
    /** An attempt timed out before EMR Serverless answered. */
    public static final String TIMEOUT = "Timeout";
    /** The connection to EMR Serverless failed or dropped. */
    public static final String CONNECTION_ERROR = "ConnectionError";
    /** A watch-queue message that is not a readiness check this function wrote: it goes to the dead-letter queue. */
    public static final String UNREADABLE_CHECK = "UnreadableCheck";
    /** A session's readiness event could not be published: its check comes again. */
    public static final String READINESS_EVENT_NOT_PUBLISHED = "ReadinessEventNotPublished";
    /** A waiting task's heartbeat could not be sent: its check comes again. */
    public static final String TASK_HEARTBEAT_FAILED = "TaskHeartbeatFailed";
    /** The application could not take sessions, so the function started it: the request comes again. */
    public static final String APPLICATION_STARTING = "ApplicationStarting";
    /** An unexpected failure inside the function. */
    public static final String INTERNAL_ERROR = "InternalError";

    private ErrorCodes() {
    }
}

package dev.emrsessionstarter.harness.soak;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import java.time.Duration;

/**
 * One request of the soak traffic.
 *
 * @param number its number in the run; valid requests carry it in their {@code soakRequest} tag, so every StartSession
 *     call can be traced to its request
 * @param fixedIdentity the identity the function must derive (idempotencyKey, EventBridge or SNS id), or null when it
 *     is the SQS message id
 * @param applicationId the application a valid request targets, or null
 * @param secret the configuration property value planted in it, which must never be logged or published
 * @param taskToken the Step Functions task token it carries (issued by the emulator), or null
 * @param task what the soak does to that task while the request's session is watched
 */
record PlannedRequest(int number, Kind kind, String body, String fixedIdentity, String applicationId, String secret,
        String taskToken, TaskPlan task) {

    /** What happens to a request's waiting task, besides what the function does to it. */
    enum TaskFate {
        /** Nothing: the task waits for the function. */
        WAITS,
        /** Its execution is stopped (StopExecution) {@code closeAfter} after the request was acknowledged. */
        STOPPED,
        /** It times out {@code closeAfter} after the request was acknowledged. */
        EXPIRED
    }

    /** @param closeAfter emulated time from the request's acknowledgement to the stop or time-out */
    record TaskPlan(TaskFate fate, Duration closeAfter) {
        static final TaskPlan NONE = new TaskPlan(TaskFate.WAITS, Duration.ZERO);
    }

    /** What sort of request it is; the invalid sorts name the error code the rejection must carry. */
    enum Kind {
        PLAIN(null),
        KEYED(null),
        SENT_TWICE(null),
        IN_EVENTBRIDGE_ENVELOPE(null),
        IN_SNS_NOTIFICATION(null),
        NOT_JSON(ErrorCodes.INVALID_SESSION_REQUEST),
        JSON_ARRAY(ErrorCodes.INVALID_SESSION_REQUEST),
        UNKNOWN_FIELD(ErrorCodes.INVALID_SESSION_REQUEST),
        OUT_OF_RANGE(ErrorCodes.INVALID_SESSION_REQUEST),
        WRONG_TYPES(ErrorCodes.INVALID_SESSION_REQUEST),
        DUPLICATE_KEY(ErrorCodes.INVALID_SESSION_REQUEST),
        OVERLONG_SECRET(ErrorCodes.INVALID_SESSION_REQUEST),
        TOO_DEEP(ErrorCodes.INVALID_SESSION_REQUEST),
        ENVELOPE_WITHOUT_DETAIL(ErrorCodes.INVALID_SESSION_REQUEST),
        ROLE_NOT_ALLOWED(ErrorCodes.SESSION_REQUEST_NOT_ALLOWED),
        APPLICATION_NOT_ALLOWED(ErrorCodes.SESSION_REQUEST_NOT_ALLOWED);

        private final String rejectionCode;

        Kind(String rejectionCode) {
            this.rejectionCode = rejectionCode;
        }

        boolean valid() {
            return rejectionCode == null;
        }

        String rejectionCode() {
            return rejectionCode;
        }
    }

    boolean valid() {
        return kind.valid();
    }

    boolean hasTask() {
        return taskToken != null;
    }

    /** The identity the function must give the request, once its message id is known. */
    String identity(String messageId) {
        return fixedIdentity != null ? fixedIdentity : messageId;
    }
}

package dev.emrsessionstarter.core.starting;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import java.util.Set;

/**
 * Sorts StartSession errors into permanent and transient ones (contract section 4), and among the transient ones
 * those worth retrying at once from those that need time (a quota frees up as sessions end; a conflicting token
 * settles when the request holding it finishes).
 */
public final class ErrorClassifier {

    /** What to do about an error. */
    public enum Action {
        /** Permanent: reject the request. */
        REJECT,
        /** Transient and short-lived: retry in this invocation, after a backoff. */
        RETRY_NOW,
        /** Transient but slow to clear: hand the request back to its trigger for a later retry. */
        RETRY_LATER
    }

    private static final Set<String> PERMANENT = Set.of(
            "ValidationException", "ResourceNotFoundException", "AccessDeniedException", "AccessDenied",
            ErrorCodes.INVALID_SESSION_REQUEST, ErrorCodes.SESSION_REQUEST_NOT_ALLOWED);

    private static final Set<String> SLOW_TO_CLEAR = Set.of(
            "ServiceQuotaExceededException", "ConflictException", ErrorCodes.INSUFFICIENT_TIME_REMAINING);

    private static final Set<String> THROTTLING = Set.of(
            "ThrottlingException", "Throttling", "ThrottledException", "TooManyRequestsException",
            "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown",
            "ProvisionedThroughputExceededException", "TransactionInProgressException",
            "PriorRequestNotComplete", "EC2ThrottledException", "BandwidthLimitExceeded");

    private ErrorClassifier() {
    }

    /**
     * @param httpStatus the response's HTTP status, or 0 when there was no response
     */
    public static Action classify(String code, int httpStatus) {
        if (PERMANENT.contains(code)) {
            return Action.REJECT;
        }
        if (SLOW_TO_CLEAR.contains(code)) {
            return Action.RETRY_LATER;
        }
        if (THROTTLING.contains(code) || httpStatus == 429 || httpStatus >= 500 || httpStatus == 0
                || "InternalServerException".equals(code) || ErrorCodes.TIMEOUT.equals(code)
                || ErrorCodes.CONNECTION_ERROR.equals(code) || "RequestTimeout".equals(code)
                || "RequestTimeoutException".equals(code)) {
            return Action.RETRY_NOW;
        }
        // An error this function does not know (a new 4xx code, expired credentials, a clock skew): not losing the
        // request matters more than failing fast, so it goes back to its trigger and, in the end, to a DLQ.
        return Action.RETRY_LATER;
    }
}

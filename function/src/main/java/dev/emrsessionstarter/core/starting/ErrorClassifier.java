package dev.emrsessionstarter.core.starting;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.port.ServiceCall;
import java.util.Set;

/**
 * Sorts service errors into permanent and transient ones (docs/contract.md section 4), and among the transient ones
 * those worth retrying at once from those that need time (a quota frees up as sessions end; a conflicting token
 * settles when the request holding it finishes). Whether an error is transient at all is the adapter's judgement,
 * taken from the SDK.
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

    private ErrorClassifier() {
    }

    public static Action classify(ServiceCall.Failed<?> failed) {
        if (PERMANENT.contains(failed.code())) {
            return Action.REJECT;
        }
        if (SLOW_TO_CLEAR.contains(failed.code())) {
            return Action.RETRY_LATER;
        }
        // An error the SDK does not call transient (a new 4xx code, expired credentials, a clock skew): not losing
        // the request matters more than failing fast, so it goes back to its trigger and, in the end, to a DLQ.
        return failed.retryable() ? Action.RETRY_NOW : Action.RETRY_LATER;
    }
}

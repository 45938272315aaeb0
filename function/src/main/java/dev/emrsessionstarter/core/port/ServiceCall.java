package dev.emrsessionstarter.core.port;

/** What one call to an AWS service returned: its answer, or its error as a value. */
public sealed interface ServiceCall<T> {

    record Answered<T>(T answer) implements ServiceCall<T> {
    }

    /**
     * The one failure every port reports, with the adapter's judgement of it (from the SDK's own reading of the
     * error), so the core never second-guesses an error code.
     *
     * @param code the service's error code, or one of {@link dev.emrsessionstarter.core.outcome.ErrorCodes} for
     *     failures without a response
     * @param httpStatus the HTTP status, or 0 when no response arrived
     * @param retryable whether the same call may succeed when sent again: no answer, a server error, throttling
     * @param throttling whether the service asked the caller to slow down
     */
    record Failed<T>(String code, String message, int httpStatus, boolean retryable, boolean throttling)
            implements ServiceCall<T> {

        /** A failure without a response. */
        public static <T> Failed<T> of(String code, String message, boolean retryable) {
            return new Failed<>(code, message, 0, retryable, false);
        }
    }
}

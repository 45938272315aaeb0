package dev.emrsessionstarter.core.port;

/** What one call to an AWS service returned: its answer, or its error as a value. */
public sealed interface ServiceCall<T> {

    record Answered<T>(T answer) implements ServiceCall<T> {
    }

    /**
     * @param code the service's error code, or one of {@link dev.emrsessionstarter.core.outcome.ErrorCodes} for
     *     failures without a response
     * @param httpStatus the HTTP status, or 0 when no response arrived
     */
    record Failed<T>(String code, String message, int httpStatus) implements ServiceCall<T> {
    }
}

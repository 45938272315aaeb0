package dev.emrsessionstarter.core.port;


/** What one StartSession call returned: a session, or the service's error as a value. */
public sealed interface StartAttempt {

    record Started(StartedSession session) implements StartAttempt {
    }

    /**
     * @param code the service's error code ({@code ThrottlingException}, ...) or one of
     *     {@link dev.emrsessionstarter.core.outcome.ErrorCodes} for failures without a response
     * @param httpStatus the HTTP status, or 0 when no response arrived
     */
    record Failed(String code, String message, int httpStatus) implements StartAttempt {
    }
}

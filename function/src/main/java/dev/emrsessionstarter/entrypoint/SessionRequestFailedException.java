package dev.emrsessionstarter.entrypoint;

import dev.emrsessionstarter.core.outcome.ErrorInfo;

/**
 * A direct invocation that ended without a session. Lambda reports the concrete class's name as the error type, which
 * Step Functions {@code Retry} and {@code Catch} match; the message names the cause.
 */
public abstract class SessionRequestFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    protected SessionRequestFailedException(ErrorInfo error) {
        super(error.code() + ": " + error.message());
        this.errorCode = error.code();
    }

    /** The outcome event's {@code error.code}. */
    public String errorCode() {
        return errorCode;
    }
}

package dev.emrsessionstarter.entrypoint;

import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.TaskFailure;

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

    /**
     * The exception for a request that did not start: the same choice a waiting task's failure makes, so a direct
     * invoke and a {@code .waitForTaskToken} task fail with the same names.
     */
    public static SessionRequestFailedException of(ErrorInfo error) {
        return switch (TaskFailure.forStartError(error)) {
            case INVALID_REQUEST -> new InvalidSessionRequestException(error);
            case NOT_ALLOWED -> new SessionRequestNotAllowedException(error);
            case START_REJECTED -> new SessionStartRejectedException(error);
            case START_FAILED -> new SessionStartRetryableException(error);
            case SESSION_FAILED -> new SessionFailedException(error);
            case SESSION_NOT_READY -> new SessionNotReadyException(error);
        };
    }

    /** The outcome event's {@code error.code}. */
    public String errorCode() {
        return errorCode;
    }
}

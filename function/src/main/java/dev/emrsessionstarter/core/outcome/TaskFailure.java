package dev.emrsessionstarter.core.outcome;

/**
 * Why a Step Functions task waiting for a session fails: the error names a {@code Catch} matches. They are the names
 * a direct invoke throws (the entry points' exception classes), plus one each for a failed and an unready session, so
 * one list of names serves a {@code lambda:invoke} task and a {@code .waitForTaskToken} task alike.
 */
public enum TaskFailure {
    INVALID_REQUEST("dev.emrsessionstarter.entrypoint.InvalidSessionRequestException"),
    NOT_ALLOWED("dev.emrsessionstarter.entrypoint.SessionRequestNotAllowedException"),
    START_REJECTED("dev.emrsessionstarter.entrypoint.SessionStartRejectedException"),
    START_FAILED("dev.emrsessionstarter.entrypoint.SessionStartRetryableException"),
    SESSION_FAILED("dev.emrsessionstarter.entrypoint.SessionFailedException"),
    SESSION_NOT_READY("dev.emrsessionstarter.entrypoint.SessionNotReadyException");

    private final String errorName;

    TaskFailure(String errorName) {
        this.errorName = errorName;
    }

    public String errorName() {
        return errorName;
    }

    /** The failure for a request that did not start: rejected for good, or out of retries. */
    public static TaskFailure forStartError(ErrorInfo error) {
        if (error.retryable()) {
            return START_FAILED;
        }
        return switch (error.code()) {
            case ErrorCodes.INVALID_SESSION_REQUEST -> INVALID_REQUEST;
            case ErrorCodes.SESSION_REQUEST_NOT_ALLOWED -> NOT_ALLOWED;
            default -> START_REJECTED;
        };
    }
}

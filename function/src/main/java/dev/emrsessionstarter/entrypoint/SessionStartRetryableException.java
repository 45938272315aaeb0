package dev.emrsessionstarter.entrypoint;

import dev.emrsessionstarter.core.outcome.ErrorInfo;

/** A transient failure (throttling, server error, timeout, quota, conflict, or the outcome event could not be published). Retry: the same request derives the same client token, so a retry never starts a second session. */
public final class SessionStartRetryableException extends SessionRequestFailedException {

    private static final long serialVersionUID = 1L;

    public SessionStartRetryableException(ErrorInfo error) {
        super(error);
    }
}

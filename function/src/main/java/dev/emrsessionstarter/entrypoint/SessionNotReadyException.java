package dev.emrsessionstarter.entrypoint;

import dev.emrsessionstarter.core.outcome.ErrorInfo;

/**
 * The session was not usable within {@code READINESS_TIMEOUT_MINUTES}. Permanent: catch it. The readiness watch fails a
 * waiting task with this name; no direct invoke throws it (a direct invoke ends once the session starts), but the
 * name a {@code Catch} matches is a type like the others.
 */
public final class SessionNotReadyException extends SessionRequestFailedException {

    private static final long serialVersionUID = 1L;

    public SessionNotReadyException(ErrorInfo error) {
        super(error);
    }
}

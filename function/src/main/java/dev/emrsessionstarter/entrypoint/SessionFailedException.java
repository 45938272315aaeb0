package dev.emrsessionstarter.entrypoint;

import dev.emrsessionstarter.core.outcome.ErrorInfo;

/**
 * The session failed or ended before it became usable, or GetSession refused to read it. Permanent: catch it. The
 * readiness watch fails a waiting task with this name; no direct invoke throws it (a direct invoke ends once the
 * session starts), but the name a {@code Catch} matches is a type like the others.
 */
public final class SessionFailedException extends SessionRequestFailedException {

    private static final long serialVersionUID = 1L;

    public SessionFailedException(ErrorInfo error) {
        super(error);
    }
}

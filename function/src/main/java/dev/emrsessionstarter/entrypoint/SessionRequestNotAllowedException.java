package dev.emrsessionstarter.entrypoint;

import dev.emrsessionstarter.core.outcome.ErrorInfo;

/** The request names an application or execution role outside the deployment's allowlists. Permanent. */
public final class SessionRequestNotAllowedException extends SessionRequestFailedException {

    private static final long serialVersionUID = 1L;

    public SessionRequestNotAllowedException(ErrorInfo error) {
        super(error);
    }
}

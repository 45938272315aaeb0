package dev.emrsessionstarter.entrypoint;

import dev.emrsessionstarter.core.outcome.ErrorInfo;

/** EMR Serverless refused the request for good (ValidationException, ResourceNotFoundException, access denied). Permanent. */
public final class SessionStartRejectedException extends SessionRequestFailedException {

    private static final long serialVersionUID = 1L;

    public SessionStartRejectedException(ErrorInfo error) {
        super(error);
    }
}

package dev.emrsessionstarter.entrypoint;

import dev.emrsessionstarter.core.outcome.ErrorInfo;

/** The request broke one or more rules (field paths and rules in the message). Permanent: catch it, do not retry. */
public final class InvalidSessionRequestException extends SessionRequestFailedException {

    private static final long serialVersionUID = 1L;

    public InvalidSessionRequestException(ErrorInfo error) {
        super(error);
    }
}

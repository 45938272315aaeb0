package dev.emrsessionstarter.core.port;

import java.time.Duration;

/** Starts EMR Serverless sessions. One call is one attempt: retrying is the caller's decision. */
public interface SessionStarter {

    /**
     * Calls StartSession once. Service and transport errors come back as {@link ServiceCall.Failed}; only a bug
     * throws.
     *
     * @param timeout how long this attempt may take
     */
    ServiceCall<StartedSession> start(StartSessionCommand command, Duration timeout);
}

package dev.emrsessionstarter.core.port;

import java.time.Duration;

/** Reads (and, where the deployment wants it, starts) EMR Serverless applications. One call is one attempt. */
public interface Applications {

    /** Calls GetApplication once. */
    ServiceCall<Application> read(String applicationId, Duration timeout);

    /** Calls StartApplication once. */
    ServiceCall<Void> start(String applicationId, Duration timeout);

    /**
     * What GetApplication says of whether an application can take sessions.
     *
     * @param state the model's ApplicationState ({@code CREATED}, {@code STARTED}, {@code STOPPED}, ...)
     * @param autoStart whether it starts itself for a session; null when the service did not say (it defaults on)
     * @param sessionsEnabled {@code interactiveConfiguration.sessionEnabled}; null when the service did not say
     */
    record Application(String state, String releaseLabel, Boolean autoStart, Boolean sessionsEnabled) {
    }
}

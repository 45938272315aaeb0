package dev.emrsessionstarter.core.port;

import java.time.Duration;

/** Reads (and, when the deployment wants it, terminates) sessions. One call is one attempt. */
public interface SessionMonitor {

    /** Calls GetSession once; service and transport errors come back as {@link ServiceCall.Failed}. */
    ServiceCall<SessionState> read(String applicationId, String sessionId, Duration timeout);

    /** Calls TerminateSession once. */
    ServiceCall<Void> terminate(String applicationId, String sessionId, Duration timeout);

    /**
     * What GetSession said of a session.
     *
     * @param state the model's SessionState ({@code SUBMITTED}, ..., {@code TERMINATED})
     * @param stateDetails the service's free text about the state, or null
     */
    record SessionState(String state, String stateDetails) {
    }
}

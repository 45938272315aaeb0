package dev.emrsessionstarter.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reads (and, when the deployment wants it, terminates) sessions. One call is one attempt. */
public interface SessionMonitor {

    /** Calls GetSession once; service and transport errors come back as {@link ServiceCall.Failed}. */
    ServiceCall<SessionState> read(String applicationId, String sessionId, Duration timeout);

    /** Calls TerminateSession once. */
    ServiceCall<Void> terminate(String applicationId, String sessionId, Duration timeout);

    /**
     * What GetSession said of a session: its state, and when its history happened, so that every look at one session
     * can judge its start-up alike.
     *
     * @param state the model's SessionState ({@code SUBMITTED}, ..., {@code TERMINATED})
     * @param stateDetails the service's free text about the state, or null
     * @param createdAt when the session was created; null if the service did not say
     * @param updatedAt when its state last changed; null if the service did not say
     * @param startedAt when it became usable; null while it never has
     * @param executionRoleArn the role the session runs with
     * @param configurationValues the property values of the session's own configuration, which the service's words
     *     about it may quote: what to scrub from them. Never printed.
     */
    record SessionState(String state, String stateDetails, Instant createdAt, Instant updatedAt, Instant startedAt,
            String executionRoleArn, List<String> configurationValues) {

        public SessionState {
            configurationValues = configurationValues == null ? List.of() : List.copyOf(configurationValues);
        }

        @Override
        public String toString() {
            return "SessionState[state=" + state + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt
                    + ", startedAt=" + startedAt + ", executionRoleArn=" + executionRoleArn + "]";
        }
    }
}

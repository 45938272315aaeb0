package dev.emrsessionstarter.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads (and, when the deployment wants it, terminates) sessions. One call is one attempt. */
public interface SessionMonitor {

    /** Calls GetSession once; service and transport errors come back as {@link ServiceCall.Failed}. */
    ServiceCall<SessionState> read(String applicationId, String sessionId, Duration timeout);

    /** Calls TerminateSession once. */
    ServiceCall<Void> terminate(String applicationId, String sessionId, Duration timeout);

    /**
     * Calls GetSessionEndpoint once: the session's Spark Connect endpoint. Its auth token never leaves the adapter (a
     * consumer asks for a fresh one itself).
     */
    ServiceCall<String> endpoint(String applicationId, String sessionId, Duration timeout);

    /**
     * What GetSession said of a session: its state, and when its history happened, so that every look at one session
     * can judge it alike; and, for its end, what it used.
     *
     * @param state the model's SessionState ({@code SUBMITTED}, ..., {@code TERMINATED})
     * @param stateDetails the service's free text about the state, or null
     * @param createdAt when the session was created; null if the service did not say
     * @param updatedAt when its state last changed; null if the service did not say
     * @param startedAt when it became usable; null while it never has
     * @param executionRoleArn the role the session runs with
     * @param configurationValues the property values of the session's own configuration, which the service's words
     *     about it may quote: what to scrub from them. Never printed.
     * @param history when it went idle and ended, and its idle timeout, where the service says
     * @param usage what it has used so far, or null when the service did not say
     * @param tags the session's tags (empty when none)
     */
    record SessionState(String state, String stateDetails, Instant createdAt, Instant updatedAt, Instant startedAt,
            String executionRoleArn, List<String> configurationValues, History history, Usage usage,
            Map<String, String> tags) {

        public SessionState {
            configurationValues = configurationValues == null ? List.of() : List.copyOf(configurationValues);
            tags = tags == null ? Map.of() : Map.copyOf(tags);
            history = history == null ? new History(null, null, null) : history;
        }

        /** The start-up facts only, as tests of the start-up need them. */
        public SessionState(String state, String stateDetails, Instant createdAt, Instant updatedAt,
                Instant startedAt, String executionRoleArn, List<String> configurationValues) {
            this(state, stateDetails, createdAt, updatedAt, startedAt, executionRoleArn, configurationValues, null,
                    null, null);
        }

        @Override
        public String toString() {
            return "SessionState[state=" + state + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt
                    + ", startedAt=" + startedAt + ", executionRoleArn=" + executionRoleArn + ", history=" + history
                    + ", usage=" + usage + "]";
        }
    }

    /** @param idleTimeoutMinutes the session's idle timeout; null when the service did not say */
    record History(Instant idleSince, Instant endedAt, Long idleTimeoutMinutes) {
    }

    /**
     * GetSession's usage figures.
     *
     * @param totalExecutionDurationSeconds how long the session ran
     * @param total what it used: vCPU-hours, memory GB-hours, storage GB-hours
     * @param billed what it is billed for (the per-worker minimum and storage above the free allowance included)
     */
    record Usage(Long totalExecutionDurationSeconds, Resources total, Resources billed) {
    }

    record Resources(Double vCpuHours, Double memoryGbHours, Double storageGbHours) {
    }
}

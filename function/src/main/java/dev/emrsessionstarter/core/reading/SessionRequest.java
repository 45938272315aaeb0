package dev.emrsessionstarter.core.reading;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated session request, with the deployment's defaults applied: to start a session (the default), or to end
 * one (docs/contract.md section 8), when {@code sessionId} names it and the start's members are absent.
 *
 * <p>{@code runtimeConfiguration}, {@code tags}, {@code name}, {@code idleTimeoutMinutes},
 * {@code idempotencyKey}, {@code clientToken}, {@code correlationId} and {@code taskToken} are null when the producer
 * left them out.
 *
 * @param taskToken the Step Functions task waiting for the session: a credential, so {@link #toString()} hides it (as
 *     it hides configuration property values)
 */
public record SessionRequest(
        String applicationId,
        String executionRoleArn,
        String name,
        Long idleTimeoutMinutes,
        List<RuntimeConfiguration> runtimeConfiguration,
        Map<String, String> tags,
        String idempotencyKey,
        String clientToken,
        String correlationId,
        String taskToken,
        Action action,
        String sessionId) {

    /** What a request asks for. */
    public enum Action {
        START("start"),
        TERMINATE("terminate");

        private final String wireName;

        Action(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** A request of which nothing could be read. */
    public static final SessionRequest EMPTY =
            new SessionRequest(null, null, null, null, null, null, null, null, null, null, Action.START, null);

    public boolean terminates() {
        return action == Action.TERMINATE;
    }

    public SessionRequest {
        runtimeConfiguration = runtimeConfiguration == null ? null : List.copyOf(runtimeConfiguration);
        tags = tags == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    @Override
    public String toString() {
        return "SessionRequest[applicationId=" + applicationId + ", executionRoleArn=" + executionRoleArn + ", name="
                + name + ", idleTimeoutMinutes=" + idleTimeoutMinutes + ", runtimeConfiguration="
                + (runtimeConfiguration == null ? null : runtimeConfiguration.size() + " classification(s)")
                + ", tags=" + (tags == null ? null : tags.keySet()) + ", idempotencyKey=" + idempotencyKey
                + ", clientToken=" + clientToken + ", correlationId=" + correlationId + ", taskToken="
                + (taskToken == null ? null : "****") + ", action=" + action + ", sessionId=" + sessionId + "]";
    }
}

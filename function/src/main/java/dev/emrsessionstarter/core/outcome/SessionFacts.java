package dev.emrsessionstarter.core.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.port.StartedSession;
import dev.emrsessionstarter.core.reading.ReadRequest;
import java.util.Optional;

/**
 * What every event, check, task output and direct answer says of a request and its session (docs/contract.md
 * section 5): the request's identity and names, and the session once there is one. This record is their one
 * representation, and its methods their one JSON codec: the Start Failed event carries the request's members, the
 * Started event and a readiness check add the session's, the Ready, Failed and Not Ready events repeat them, and a
 * direct invoke's answer and a task's output hand a subset over.
 *
 * @param sessionId null until a session started; then {@code arn} is set too
 */
public record SessionFacts(
        String requestIdentity,
        String trigger,
        String clientToken,
        String applicationId,
        String executionRoleArn,
        String name,
        String correlationId,
        Integer attempt,
        String sessionId,
        String arn) {

    public static SessionFacts of(ReadRequest request, StartedSession session) {
        return new SessionFacts(request.requestIdentity(), request.delivery().trigger().wireName(),
                request.clientToken(), session.applicationId(), request.request().executionRoleArn(),
                request.request().name(), request.correlationId(), request.delivery().attempt(), session.sessionId(),
                session.arn());
    }

    /** A request that started no session: the session a terminate request names, if any, without its ARN. */
    public static SessionFacts of(ReadRequest request) {
        return new SessionFacts(request.requestIdentity(), request.delivery().trigger().wireName(),
                request.clientToken(), request.request().applicationId(), request.request().executionRoleArn(),
                request.request().name(), request.correlationId(), request.delivery().attempt(),
                request.request().sessionId(), null);
    }

    /** What a terminate request's caller gets: a direct invoke's answer, and a task's output. */
    public ObjectNode writeEnding(ObjectNode output, String state) {
        return output.put("applicationId", applicationId).put("sessionId", sessionId).put("state", state)
                .put("requestIdentity", requestIdentity);
    }

    /**
     * What a caller gets of a started session: a direct invoke's answer, and with {@code state} a task's output.
     *
     * @param state the session's state, or null to leave it out
     */
    public ObjectNode writeHandover(ObjectNode output, String state) {
        output.put("applicationId", applicationId);
        output.put("sessionId", sessionId);
        output.put("arn", arn);
        output.put("clientToken", clientToken);
        output.put("requestIdentity", requestIdentity);
        if (state != null) {
            output.put("state", state);
        }
        return output;
    }

    /** Writes the facts in the order consumers have always seen them; the session's only once there is one. */
    public ObjectNode writeTo(ObjectNode detail) {
        detail.put("requestIdentity", requestIdentity);
        detail.put("trigger", trigger);
        detail.put("clientToken", clientToken);
        detail.put("applicationId", applicationId);
        detail.put("executionRoleArn", executionRoleArn);
        detail.put("name", name);
        detail.put("correlationId", correlationId);
        detail.put("attempt", attempt);
        if (sessionId != null) {
            detail.put("sessionId", sessionId);
            detail.put("arn", arn);
        }
        return detail;
    }

    /** The facts back from what {@link #writeTo} wrote; empty when a member the watch needs is missing. */
    public static Optional<SessionFacts> readFrom(JsonNode detail) {
        if (detail == null || !detail.isObject()) {
            return Optional.empty();
        }
        SessionFacts facts = new SessionFacts(text(detail, "requestIdentity"), text(detail, "trigger"),
                text(detail, "clientToken"), text(detail, "applicationId"), text(detail, "executionRoleArn"),
                text(detail, "name"), text(detail, "correlationId"),
                detail.path("attempt").isInt() ? detail.get("attempt").intValue() : null, text(detail, "sessionId"),
                text(detail, "arn"));
        boolean complete = facts.applicationId != null && facts.sessionId != null
                && facts.clientToken != null && facts.requestIdentity != null && facts.trigger != null;
        return complete ? Optional.of(facts) : Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}

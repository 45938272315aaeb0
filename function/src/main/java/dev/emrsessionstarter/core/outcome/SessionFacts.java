package dev.emrsessionstarter.core.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.port.StartedSession;
import dev.emrsessionstarter.core.reading.ReadRequest;
import java.util.Optional;

/**
 * What every event about a started session says of it (contract section 5): the request's identity and names, and
 * the session. The Started event carries these, a readiness check carries them on, and the Ready, Failed and Not Ready
 * events repeat them.
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

    /** Writes the facts in the order consumers have always seen them. */
    public ObjectNode writeTo(ObjectNode detail) {
        detail.put("requestIdentity", requestIdentity);
        detail.put("trigger", trigger);
        detail.put("clientToken", clientToken);
        detail.put("applicationId", applicationId);
        detail.put("executionRoleArn", executionRoleArn);
        detail.put("name", name);
        detail.put("correlationId", correlationId);
        detail.put("attempt", attempt);
        detail.put("sessionId", sessionId);
        detail.put("arn", arn);
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
        boolean complete = facts.applicationId != null && facts.sessionId != null && facts.arn != null
                && facts.clientToken != null && facts.requestIdentity != null && facts.trigger != null;
        return complete ? Optional.of(facts) : Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}

package dev.emrsessionstarter.emulator.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Renders sessions and applications as the model's Session, SessionSummary and Application shapes. */
final class SessionJson {

    private final ObjectMapper json;
    private final UsageRates rates;

    SessionJson(ObjectMapper json, UsageRates rates) {
        this.json = json;
        this.rates = rates;
    }

    /** A SessionSummary: the required members plus {@code name}. */
    ObjectNode summary(StoredSession session, Instant now) {
        SessionStatus status = session.statusAt(now);
        ObjectNode node = json.createObjectNode();
        node.put("applicationId", session.applicationId());
        node.put("sessionId", session.sessionId());
        node.put("arn", session.arn());
        if (session.request().name() != null) {
            node.put("name", session.request().name());
        }
        node.put("state", status.state().name());
        node.put("stateDetails", status.stateDetails());
        node.put("releaseLabel", session.releaseLabel());
        node.put("executionRoleArn", session.request().executionRoleArn());
        node.put("createdBy", session.createdBy());
        node.set("createdAt", Timestamps.epochSeconds(session.createdAt()));
        node.set("updatedAt", Timestamps.epochSeconds(status.updatedAt()));
        return node;
    }

    /**
     * A full Session. It echoes {@code configurationOverrides} like the real API does: they are the caller's own
     * data, returned to the caller. The usage figures ({@link SessionUsage}) are always there, zero until the session
     * has started; when AWS first reports them is UNCONFIRMED.
     */
    ObjectNode session(StoredSession session, Instant now) {
        SessionStatus status = session.statusAt(now);
        ObjectNode node = summary(session, now);
        putTime(node, "startedAt", status.startedAt());
        putTime(node, "endedAt", status.endedAt());
        putTime(node, "idleSince", status.idleSince());
        SessionRequest request = session.request();
        putCopy(node, "configurationOverrides", request.configurationOverrides());
        node.put("idleTimeoutMinutes", request.idleTimeoutMinutes());
        putCopy(node, "tags", request.tags());
        SessionUsage usage = SessionUsage.of(status, now, rates);
        putUtilization(node, "totalResourceUtilization", usage.total());
        putUtilization(node, "billedResourceUtilization", usage.billed());
        node.put("totalExecutionDurationSeconds", usage.totalExecutionDurationSeconds());
        return node;
    }

    /** The model's member names: {@code vCPUHour}, {@code memoryGBHour}, {@code storageGBHour}. */
    private static void putUtilization(ObjectNode node, String name, SessionUsage.ResourceHours hours) {
        node.putObject(name)
                .put("vCPUHour", hours.vCpuHour())
                .put("memoryGBHour", hours.memoryGbHour())
                .put("storageGBHour", hours.storageGbHour());
    }

    ObjectNode application(RegisteredApplication registered) {
        Application application = registered.application();
        ObjectNode node = json.createObjectNode();
        node.put("applicationId", application.id());
        node.put("name", application.name());
        node.put("arn", registered.arn());
        node.put("releaseLabel", application.releaseLabel());
        node.put("type", "Spark");
        node.put("state", application.state().name());
        node.set("createdAt", Timestamps.epochSeconds(registered.createdAt()));
        node.set("updatedAt", Timestamps.epochSeconds(registered.updatedAt()));
        node.set("tags", json.valueToTree(application.tags()));
        node.putObject("autoStartConfiguration").put("enabled", application.autoStartEnabled());
        node.putObject("interactiveConfiguration")
                .put("studioEnabled", false)
                .put("livyEndpointEnabled", false)
                .put("sessionEnabled", application.sessionEnabled());
        return node;
    }

    private static void putTime(ObjectNode node, String name, Instant instant) {
        if (instant != null) {
            node.set(name, Timestamps.epochSeconds(instant));
        }
    }

    private static void putCopy(ObjectNode node, String name, JsonNode value) {
        if (value != null) {
            node.set(name, value.deepCopy());
        }
    }
}

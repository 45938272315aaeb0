package dev.emrsessionstarter.emulator.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An event PutEvents accepted onto a bus.
 *
 * @param eventBusName the bus name (an ARN in the request is reduced to its name)
 * @param detail the parsed Detail object
 * @param time the entry's Time, or the emulator clock's instant when the entry had none
 */
public record RecordedEvent(String eventId, String eventBusName, String source, String detailType, JsonNode detail,
                            List<String> resources, Instant time, String traceHeader, String account, String region) {

    public RecordedEvent {
        resources = List.copyOf(resources);
        detail = detail.deepCopy();
    }

    /** The event as a rule target receives it (the EventBridge envelope), e.g. to feed a Lambda handler. */
    public ObjectNode toEnvelope(ObjectMapper json) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", eventId);
        envelope.put("detail-type", detailType);
        envelope.put("source", source);
        envelope.put("account", account);
        envelope.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        envelope.put("region", region);
        envelope.set("resources", json.valueToTree(resources));
        envelope.set("detail", detail.deepCopy());
        return envelope;
    }
}

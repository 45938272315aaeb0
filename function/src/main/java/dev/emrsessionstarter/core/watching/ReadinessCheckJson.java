package dev.emrsessionstarter.core.watching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.outcome.SessionFacts;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A readiness check as a watch-queue message body: the Started event's facts, plus when it started, the reads so
 * far and the task token. Only this function writes and reads it.
 */
public final class ReadinessCheckJson {

    /** Raised with the format; a body of another version is refused rather than misread. */
    static final int VERSION = 1;

    private final ObjectMapper mapper;

    public ReadinessCheckJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(ReadinessCheck check) {
        ObjectNode body = check.session().writeTo(mapper.createObjectNode());
        body.put("startedAt", check.startedAt().toString());
        body.put("checks", check.checks());
        if (check.taskToken() != null) {
            body.put("taskToken", check.taskToken());
        }
        if (check.purpose() != ReadinessCheck.Purpose.READINESS) {
            body.put("purpose", check.purpose().name().toLowerCase(java.util.Locale.ROOT));
        }
        body.put("version", VERSION);
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("A readiness check could not be written", impossible);
        }
    }

    /** @return the check, or empty when the body is not one this function wrote */
    public Optional<ReadinessCheck> read(String body) {
        JsonNode json;
        try {
            json = body == null ? null : mapper.readTree(body);
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        if (json == null || json.path("version").asInt() != VERSION || !json.path("startedAt").isTextual()
                || !json.path("checks").isInt()) {
            return Optional.empty();
        }
        Optional<SessionFacts> session = SessionFacts.readFrom(json);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant startedAt = Instant.parse(json.get("startedAt").textValue());
            String taskToken = json.path("taskToken").isTextual() ? json.get("taskToken").textValue() : null;
            ReadinessCheck.Purpose purpose = switch (json.path("purpose").asText("readiness")) {
                case "termination" -> ReadinessCheck.Purpose.TERMINATION;
                case "follow" -> ReadinessCheck.Purpose.FOLLOW;
                default -> ReadinessCheck.Purpose.READINESS;
            };
            return Optional.of(new ReadinessCheck(session.get(), startedAt, json.get("checks").intValue(),
                    taskToken, purpose));
        } catch (DateTimeParseException badTime) {
            return Optional.empty();
        }
    }
}

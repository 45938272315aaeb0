package dev.emrsessionstarter.emulator.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.emulator.http.ServiceError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** One request entry, read with its modelled JSON types; a member of the wrong type fails the whole call. */
record PutEventsEntry(String source, String detailType, String detail, String eventBusName, List<String> resources,
                      Instant time, String traceHeader) {

    static PutEventsEntry read(JsonNode entry, String path) {
        if (!entry.isObject()) {
            throw mismatch(path, "an object");
        }
        List<String> resources = new ArrayList<>();
        JsonNode resourceList = entry.get("Resources");
        if (resourceList != null && !resourceList.isNull()) {
            if (!resourceList.isArray()) {
                throw mismatch(path + ".resources", "an array");
            }
            for (JsonNode resource : resourceList) {
                if (!resource.isTextual()) {
                    throw mismatch(path + ".resources", "an array of strings");
                }
                resources.add(resource.asText());
            }
        }
        return new PutEventsEntry(string(entry, "Source", path), string(entry, "DetailType", path),
                string(entry, "Detail", path), string(entry, "EventBusName", path), resources,
                time(entry.get("Time"), path), string(entry, "TraceHeader", path));
    }

    boolean hasSourceDetailTypeAndDetail() {
        return source != null && detailType != null && detail != null;
    }

    private static String string(JsonNode entry, String name, String path) {
        JsonNode value = entry.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw mismatch(path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), "a string");
        }
        return value.asText();
    }

    /** JSON 1.1 timestamps are epoch seconds; an ISO-8601 string is accepted too. */
    private static Instant time(JsonNode value, String path) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (value.isNumber()) {
                return Instant.ofEpochMilli(new BigDecimal(value.asText()).movePointRight(3).longValue());
            }
            if (value.isTextual()) {
                return OffsetDateTime.parse(value.asText()).toInstant();
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            // falls through
        }
        throw mismatch(path + ".time", "a timestamp");
    }

    private static ServiceError mismatch(String path, String expected) {
        return ServiceError.serialization("Expected " + expected + " at '" + path + "'.");
    }
}

package dev.emrsessionstarter.emulator.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.emulator.http.ServiceError;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
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

    /**
     * What a fault plan that draws per key draws from for one entry: its detail's {@code clientToken} (where the
     * detail has one) and its DetailType, so each outcome event of a request meets its own faults.
     */
    static String key(JsonNode detail, String detailType) {
        JsonNode token = detail == null ? null : detail.get("clientToken");
        return (token != null && token.isTextual() ? token.textValue() : "") + "\n" + detailType;
    }

    /**
     * What a fault plan that draws per key draws from for a whole call: the keys of its entries, sorted, so the same
     * events sent together draw the same whatever their order. Null when the body is not a PutEvents request.
     */
    static String callKey(JsonNode body, ObjectMapper json) {
        JsonNode entries = body == null ? null : body.get("Entries");
        if (entries == null || !entries.isArray()) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode detail = null;
            JsonNode text = entry.get("Detail");
            if (text != null && text.isTextual()) {
                try {
                    detail = json.readTree(text.textValue());
                } catch (IOException notJson) {
                    detail = null;
                }
            }
            JsonNode detailType = entry.get("DetailType");
            keys.add(key(detail, detailType != null && detailType.isTextual() ? detailType.textValue() : ""));
        }
        Collections.sort(keys);
        return String.join("\t", keys);
    }

    /**
     * The first of Source, DetailType and Detail that is missing or empty, or null when all three are there. Such an
     * entry fails by itself (InvalidArgument), even when it is the only one: recorded against AWS on 2025-01-08 for a
     * lone entry without Source, without Detail, and with an empty DetailType (localstack/localstack
     * tests/aws/services/events/test_events.snapshot.json, test_put_events_without_source,
     * test_put_event_without_detail, test_put_event_without_detail_type): a 200 with that entry failed. The model's
     * documentation says a request in which no entry has all three fails as a whole; the lone entry is such a request,
     * so the emulator answers every such request that way: each entry failed, in a 200.
     */
    String missingRequiredMember() {
        if (isMissing(source)) {
            return "Source";
        }
        if (isMissing(detailType)) {
            return "DetailType";
        }
        return isMissing(detail) ? "Detail" : null;
    }

    private static boolean isMissing(String value) {
        return value == null || value.isEmpty();
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

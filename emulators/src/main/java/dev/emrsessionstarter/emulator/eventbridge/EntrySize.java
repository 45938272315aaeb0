package dev.emrsessionstarter.emulator.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * The size of a PutEvents entry as the EventBridge user guide computes it: 14 bytes when Time is given, plus the
 * UTF-8 bytes of Source, DetailType, Detail and each Resource. A request whose entries add up to more than 256 KB is
 * refused.
 */
final class EntrySize {

    static final int MAX_TOTAL_BYTES = 256 * 1024;

    private EntrySize() {
    }

    static long of(JsonNode entry) {
        long size = hasValue(entry, "Time") ? 14 : 0;
        size += utf8Length(entry.get("Source"));
        size += utf8Length(entry.get("DetailType"));
        size += utf8Length(entry.get("Detail"));
        JsonNode resources = entry.get("Resources");
        if (resources != null && resources.isArray()) {
            for (JsonNode resource : resources) {
                size += utf8Length(resource);
            }
        }
        return size;
    }

    private static boolean hasValue(JsonNode entry, String name) {
        return entry.hasNonNull(name);
    }

    private static long utf8Length(JsonNode value) {
        return value != null && value.isTextual() ? value.asText().getBytes(StandardCharsets.UTF_8).length : 0;
    }
}

package dev.emrsessionstarter.emulator.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * The size of a PutEvents entry as the EventBridge user guide computes it ("Calculating PutEvents event entry size"):
 * 14 bytes when Time is given, plus the UTF-8 bytes of Source, DetailType, Detail and each Resource. A request whose
 * entries add up to more than 1 MB is refused: the limit since 2026-01-29 (AWS Compute Blog, "More room to build:
 * serverless services now support payloads up to 1 MB"); the model's documentation and parts of the user guide still
 * say 256 KB.
 */
final class EntrySize {

    /** 1 MB, counted as SQS counts its own new limit: 1 MiB. */
    static final int MAX_TOTAL_BYTES = 1024 * 1024;

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

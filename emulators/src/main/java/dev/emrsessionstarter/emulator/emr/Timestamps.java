package dev.emrsessionstarter.emulator.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.time.Instant;

/** rest-json body timestamps: epoch seconds as a JSON number, with milliseconds as a fraction when there are any. */
final class Timestamps {

    private Timestamps() {
    }

    static JsonNode epochSeconds(Instant instant) {
        long millis = instant.toEpochMilli();
        return millis % 1000 == 0 ? LongNode.valueOf(millis / 1000)
                : DecimalNode.valueOf(BigDecimal.valueOf(millis, 3));
    }
}

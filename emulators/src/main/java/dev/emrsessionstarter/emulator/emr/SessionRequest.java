package dev.emrsessionstarter.emulator.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parameters of a valid StartSession request, kept as the JSON members the model knows (unknown members dropped).
 * Two requests with equal {@link #parameters()} are "the same request" for idempotency.
 *
 * @param parameters {@code executionRoleArn}, and where given {@code name}, {@code idleTimeoutMinutes} (as a long),
 *     {@code tags}, {@code configurationOverrides}
 */
record SessionRequest(String clientToken, ObjectNode parameters) {

    String executionRoleArn() {
        return parameters.get("executionRoleArn").asText();
    }

    String name() {
        JsonNode name = parameters.get("name");
        return name == null ? null : name.asText();
    }

    /** 0 when absent (the model's default). */
    long idleTimeoutMinutes() {
        JsonNode minutes = parameters.get("idleTimeoutMinutes");
        return minutes == null ? 0 : minutes.asLong();
    }

    JsonNode tags() {
        return parameters.get("tags");
    }

    JsonNode configurationOverrides() {
        return parameters.get("configurationOverrides");
    }
}

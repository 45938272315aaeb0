package dev.emrsessionstarter.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.emulator.http.ServiceError;

/**
 * The members of a task-callback request, each null when absent. A body that is not a JSON object, or a member that
 * is not a string, is a 400 SerializationException, as AWS JSON services answer such input before any validation.
 * Unknown members are ignored.
 */
record TaskCallbackRequest(String taskToken, String output, String error, String cause) {

    static TaskCallbackRequest read(JsonNode body) {
        if (body == null) {
            throw ServiceError.serialization("The request body is not valid JSON.");
        }
        if (!body.isObject()) {
            throw ServiceError.serialization("The request body must be a JSON object.");
        }
        return new TaskCallbackRequest(string(body, "taskToken"), string(body, "output"), string(body, "error"),
                string(body, "cause"));
    }

    /** The members of a body as far as they can be read, for the record of calls; never throws. */
    static TaskCallbackRequest lenient(JsonNode body) {
        if (body == null || !body.isObject()) {
            return new TaskCallbackRequest(null, null, null, null);
        }
        return new TaskCallbackRequest(text(body.get("taskToken")), text(body.get("output")),
                text(body.get("error")), text(body.get("cause")));
    }

    private static String string(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ServiceError.serialization("Expected a string at '" + name + "'.");
        }
        return value.asText();
    }

    private static String text(JsonNode value) {
        return value != null && value.isTextual() ? value.asText() : null;
    }
}

package dev.emrsessionstarter.emulator.emr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.emulator.http.ServiceError;
import java.util.Optional;

/**
 * Reads members of a request body with their modelled JSON types. A member of the wrong type is a
 * {@code SerializationException}, as with AWS's JSON deserialiser; an explicit {@code null} counts as absent.
 */
final class JsonMembers {

    private JsonMembers() {
    }

    static Optional<JsonNode> member(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    static Optional<String> string(JsonNode object, String name, String path) {
        return member(object, name).map(value -> {
            if (!value.isTextual()) {
                throw typeMismatch(path, "a string");
            }
            return value.asText();
        });
    }

    /** A whole number that fits a long; {@code 60.0} or {@code "60"} are not. */
    static Optional<Long> longValue(JsonNode object, String name, String path) {
        return member(object, name).map(value -> {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw typeMismatch(path, "an integer");
            }
            return value.asLong();
        });
    }

    static Optional<JsonNode> object(JsonNode object, String name, String path) {
        return member(object, name).map(value -> {
            if (!value.isObject()) {
                throw typeMismatch(path, "an object");
            }
            return value;
        });
    }

    static Optional<JsonNode> array(JsonNode object, String name, String path) {
        return member(object, name).map(value -> {
            if (!value.isArray()) {
                throw typeMismatch(path, "an array");
            }
            return value;
        });
    }

    /** A map whose values must all be strings. */
    static Optional<JsonNode> stringMap(JsonNode object, String name, String path) {
        return object(object, name, path).map(map -> {
            map.fields().forEachRemaining(entry -> {
                if (!entry.getValue().isTextual()) {
                    throw typeMismatch(path, "a map of strings");
                }
            });
            return map;
        });
    }

    static ServiceError typeMismatch(String path, String expected) {
        return ServiceError.serialization("Expected " + expected + " at '" + path + "'.");
    }
}

package dev.emrsessionstarter.harness.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The EMR Serverless service model (botocore's {@code service-2.json}, from which the SDK client is generated) as the
 * one authority on what StartSession accepts: its shapes, their constraints, and a check of a value against them.
 *
 * <p>How the constraints read: string lengths count Unicode code points (Smithy's length trait); patterns are
 * anchored (botocore drops the {@code ^...$} that the Smithy model has) and evaluated by {@link java.util.regex}, so
 * {@code .} excludes line terminators and {@code \s} is ASCII whitespace; {@code min} and {@code max} bound a number's
 * value and a list's or map's size.
 */
final class ServiceModel {

    static final String RESOURCE = "dev/emrsessionstarter/internal/emrserverless/model-files/service-2.json";

    private final Map<String, Shape> shapes;

    private ServiceModel(Map<String, Shape> shapes) {
        this.shapes = shapes;
    }

    static ServiceModel load() {
        try (InputStream in = ServiceModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The service model is not on the classpath: " + RESOURCE);
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceModel parse(JsonNode model) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = model.get("shapes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            shapes.put(entry.getKey(), Shape.of(entry.getKey(), entry.getValue()));
        }
        return new ServiceModel(shapes);
    }

    /** The input shape of an operation, e.g. {@code StartSessionRequest}. */
    Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("The service model has no shape " + name);
        }
        return shape;
    }

    /** Whether {@code value} satisfies every constraint of {@code shape}; null counts as absent (and is fine). */
    boolean accepts(Shape shape, JsonNode value) {
        return violations(shape, value).isEmpty();
    }

    /** The constraints {@code value} breaks, each as {@code path: rule}. */
    List<String> violations(Shape shape, JsonNode value) {
        List<String> found = new ArrayList<>();
        check(shape, value, shape.name(), found);
        return found;
    }

    private void check(Shape shape, JsonNode value, String path, List<String> found) {
        switch (shape.type()) {
            case "string" -> {
                if (!value.isTextual()) {
                    found.add(path + ": not a string");
                    return;
                }
                String text = value.textValue();
                int length = text.codePointCount(0, text.length());
                bound(path + ": length", length, shape, found);
                if (shape.pattern() != null && !shape.pattern().matcher(text).matches()) {
                    found.add(path + ": does not match " + shape.pattern().pattern());
                }
            }
            case "long", "integer" -> {
                if (!value.isIntegralNumber()) {
                    found.add(path + ": not a whole number");
                    return;
                }
                bound(path + ": value", value.longValue(), shape, found);
            }
            case "list" -> {
                if (!value.isArray()) {
                    found.add(path + ": not a list");
                    return;
                }
                bound(path + ": size", value.size(), shape, found);
                for (JsonNode member : value) {
                    check(shape(shape.member()), member, path + "[]", found);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    found.add(path + ": not a map");
                    return;
                }
                bound(path + ": size", value.size(), shape, found);
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    check(shape(shape.key()), JsonNodeFactory.instance.textNode(entry.getKey()), path + "{key}", found);
                    check(shape(shape.value()), entry.getValue(), path + "{value}", found);
                }
            }
            case "structure" -> {
                if (!value.isObject()) {
                    found.add(path + ": not a structure");
                    return;
                }
                for (String required : shape.required()) {
                    JsonNode member = value.get(required);
                    if (member == null || member.isNull()) {
                        found.add(path + "." + required + ": required");
                    }
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    String member = shape.members().get(entry.getKey());
                    if (member == null) {
                        found.add(path + "." + entry.getKey() + ": not a member");
                    } else if (!entry.getValue().isNull()) {
                        check(shape(member), entry.getValue(), path + "." + entry.getKey(), found);
                    }
                }
            }
            default -> found.add(path + ": shape type " + shape.type() + " is not checked here");
        }
    }

    private static void bound(String what, long actual, Shape shape, List<String> found) {
        if (shape.min() != null && actual < shape.min()) {
            found.add(what + " " + actual + " is under the minimum " + shape.min());
        }
        if (shape.max() != null && actual > shape.max()) {
            found.add(what + " " + actual + " is over the maximum " + shape.max());
        }
    }

    /**
     * One shape of the model.
     *
     * @param members structure members by name, to the name of their shape, in model order
     * @param idempotencyToken the structure member the SDK fills with a fresh token when it is absent, or null
     * @param member a list's member shape; {@code key} and {@code value} a map's
     */
    record Shape(String name, String type, Long min, Long max, Pattern pattern, Map<String, String> members,
            Set<String> required, String idempotencyToken, String member, String key, String value) {

        static Shape of(String name, JsonNode json) {
            Map<String, String> members = new LinkedHashMap<>();
            if (json.has("members")) {
                json.get("members").fields().forEachRemaining(entry ->
                        members.put(entry.getKey(), entry.getValue().get("shape").asText()));
            }
            Set<String> required = new LinkedHashSet<>();
            if (json.has("required")) {
                json.get("required").forEach(member -> required.add(member.asText()));
            }
            String idempotencyToken = null;
            if (json.has("members")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = json.get("members").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = it.next();
                    if (member.getValue().path("idempotencyToken").asBoolean(false)) {
                        idempotencyToken = member.getKey();
                    }
                }
            }
            return new Shape(name, json.get("type").asText(),
                    json.has("min") ? json.get("min").asLong() : null,
                    json.has("max") ? json.get("max").asLong() : null,
                    json.has("pattern") ? Pattern.compile(json.get("pattern").asText()) : null,
                    members, required, idempotencyToken, target(json, "member"), target(json, "key"),
                    target(json, "value"));
        }

        private static String target(JsonNode json, String field) {
            return json.has(field) ? json.get(field).get("shape").asText() : null;
        }

        boolean isString() {
            return type.equals("string");
        }

        boolean isNumber() {
            return type.equals("long") || type.equals("integer");
        }

        boolean isStructure() {
            return type.equals("structure");
        }

        boolean isList() {
            return type.equals("list");
        }

        boolean isMap() {
            return type.equals("map");
        }
    }
}

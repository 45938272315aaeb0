package dev.emrsessionstarter.core.reading;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Turns raw request bodies into JSON trees, refusing what no valid request can be: bodies over the deployment's
 * size limit, invalid JSON or UTF-8, duplicate keys (which one would win is a guess), and absurd nesting.
 *
 * <p>Error messages carry a position but never a snippet of the body, which may hold credentials.
 */
public final class JsonBodies {

    /** A valid request nests about 25 levels at its deepest; anything far beyond is hostile. */
    static final int MAX_NESTING_DEPTH = 64;

    private final ObjectMapper mapper;
    private final int maxBytes;

    public JsonBodies(int maxBytes) {
        this.maxBytes = maxBytes;
        this.mapper = strictMapper(maxBytes);
    }

    /** A mapper that refuses duplicate keys, trailing content and over-large documents. */
    public static ObjectMapper strictMapper(int maxBytes) {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(Math.max(maxBytes, 1))
                .maxNumberLength(64)
                .build());
        return mapper;
    }

    public int maxBytes() {
        return maxBytes;
    }

    public ParsedBody parse(String body) {
        if (body == null) {
            return ParsedBody.invalid(new Violation("", "body is missing"));
        }
        long size = utf8Length(body);
        if (size > maxBytes) {
            return tooLarge();
        }
        try {
            return objectOnly(mapper.readTree(body));
        } catch (IOException unreadable) {
            return ParsedBody.invalid(describe(unreadable));
        }
    }

    public ParsedBody parse(byte[] body) {
        if (body == null) {
            return ParsedBody.invalid(new Violation("", "body is missing"));
        }
        if (body.length > maxBytes) {
            return tooLarge();
        }
        try {
            return objectOnly(mapper.readTree(body));
        } catch (IOException unreadable) {
            return ParsedBody.invalid(describe(unreadable));
        }
    }

    /** Checks an already-parsed document against the same nesting and size limits. */
    public ParsedBody accept(JsonNode node) {
        ParsedBody object = objectOnly(node);
        if (object.isValid()) {
            if (nestsDeeperThan(node, MAX_NESTING_DEPTH)) {
                return tooDeep();
            }
            long size = serializedSize(node);
            if (size > maxBytes) {
                return tooLarge();
            }
        }
        return object;
    }

    /**
     * Checks a document the Lambda runtime deserialized (an EventBridge {@code detail}: maps, lists and scalars)
     * against the same limits. Its depth is measured first, without recursion: the runtime's parser sets no nesting
     * limit, and turning a deeper document into a tree, or measuring its size, would recurse as deep as it nests.
     */
    public ParsedBody acceptDocument(Object document) {
        if (nestsDeeperThan(document, MAX_NESTING_DEPTH)) {
            return tooDeep();
        }
        JsonNode tree = mapper.valueToTree(document);
        return accept(tree);
    }

    private static ParsedBody objectOnly(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return ParsedBody.invalid(new Violation("", "body is empty"));
        }
        if (!node.isObject()) {
            return ParsedBody.invalid(new Violation("", "body must be a JSON object (was " + kind(node) + ")"));
        }
        return ParsedBody.parsed(node);
    }

    private static ParsedBody tooDeep() {
        return ParsedBody.invalid(new Violation("",
                "body is not acceptable JSON: it nests deeper than " + MAX_NESTING_DEPTH + " levels"));
    }

    /**
     * Whether maps, lists, arrays or JSON containers nest more than {@code limit} levels (the outermost counts as one),
     * found with an explicit stack so that any depth costs no call stack.
     */
    static boolean nestsDeeperThan(Object document, int limit) {
        Deque<Object> containers = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        containers.push(document);
        depths.push(1);
        while (!containers.isEmpty()) {
            Object container = containers.pop();
            int depth = depths.pop();
            Iterable<?> children = children(container);
            if (children == null) {
                continue;
            }
            if (depth > limit) {
                return true;
            }
            for (Object child : children) {
                if (children(child) != null) {
                    containers.push(child);
                    depths.push(depth + 1);
                }
            }
        }
        return false;
    }

    /** The members of a container, or null for a scalar. */
    private static Iterable<?> children(Object value) {
        if (value instanceof JsonNode node) {
            return node.isContainerNode() ? node : null;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values();
        }
        if (value instanceof Collection<?> collection) {
            return collection;
        }
        if (value instanceof Object[] array) {
            return Arrays.asList(array);
        }
        return null;
    }

    private ParsedBody tooLarge() {
        return ParsedBody.invalid(new Violation("",
                "body is larger than this deployment's limit of " + maxBytes + " bytes"));
    }

    private long serializedSize(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node).length;
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("A JSON tree could not be written", impossible);
        }
    }

    private static Violation describe(IOException unreadable) {
        if (unreadable instanceof StreamConstraintsException) {
            return new Violation("", "body is not acceptable JSON: it exceeds a parser limit "
                    + "(nesting deeper than " + MAX_NESTING_DEPTH + ", or an over-long number or string)");
        }
        String position = "";
        if (unreadable instanceof JsonProcessingException processing && processing.getLocation() != null) {
            position = " (line " + processing.getLocation().getLineNr()
                    + ", column " + processing.getLocation().getColumnNr() + ")";
        }
        if (unreadable instanceof JsonParseException parse) {
            String duplicate = duplicateKey(parse.getOriginalMessage());
            if (duplicate != null) {
                return new Violation("", "body has the key " + FieldPath.quoted(duplicate)
                        + " twice in one object" + position);
            }
        }
        return new Violation("", "body is not valid JSON" + position);
    }

    /** Jackson's duplicate-key message is the only one safe to mine: it names a key, never a value. */
    private static String duplicateKey(String message) {
        String prefix = "Duplicate field '";
        if (message != null && message.startsWith(prefix) && message.endsWith("'")) {
            return message.substring(prefix.length(), message.length() - 1);
        }
        return null;
    }

    static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isNull()) {
            return "null";
        }
        return "an object";
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The outcome of reading a body: a JSON object, or why it is not one. */
    public record ParsedBody(JsonNode json, List<Violation> violations) {

        static ParsedBody parsed(JsonNode json) {
            return new ParsedBody(json, List.of());
        }

        static ParsedBody invalid(Violation violation) {
            return new ParsedBody(null, List.of(violation));
        }

        public boolean isValid() {
            return json != null;
        }
    }
}

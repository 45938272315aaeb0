package dev.emrsessionstarter.harness.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.emrsessionstarter.harness.constraints.BoundaryCase.Kind;
import dev.emrsessionstarter.harness.constraints.ServiceModel.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Derives boundary cases from the service model: walks an input shape member by member (into nested structures,
 * lists and maps, and once into a recursive shape's own nesting) and, for every constraint it finds, puts a value at
 * the boundary into an otherwise valid request. What the model says of each request is worked out from the model too.
 *
 * <ul>
 *   <li>a required member: absent;</li>
 *   <li>a string with a length range: at the minimum and maximum, one under and one over (with a value that still
 *       matches the pattern where one exists), and at the maximum counted in code points where the pattern takes
 *       characters outside the Basic Multilingual Plane;</li>
 *   <li>a string with a pattern: values of a valid length that break it (only whitespace, a character the pattern
 *       excludes, a line break inside, a trailing line break), each where it does break the pattern;</li>
 *   <li>a number with a range: at the minimum and maximum and one beyond each;</li>
 *   <li>a list or map with a size range: at the minimum and maximum and one beyond;</li>
 *   <li>a recursive list (the model sets no depth): nested to each depth asked for.</li>
 * </ul>
 */
final class BoundaryCases {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Tried in turn to fill a string to a length while it keeps matching its pattern. */
    private static final List<String> FILLERS = List.of("a", "0", "x", "A", "_");
    /** Tried in turn for a character the pattern excludes. */
    private static final List<String> FOREIGN = List.of("!", "\u00e9", "#");
    private static final String OUTSIDE_BMP = "\uD83D\uDE00";

    private final ServiceModel model;
    private final Shape input;
    private final ObjectNode base;
    private final List<Integer> nestingDepths;
    private final List<BoundaryCase> cases = new ArrayList<>();

    /**
     * @param base a request the model accepts, model-shaped, with a sample at every path the walk reaches (the
     *     samples seed the boundary values: an IAM role ARN cannot be made up from nothing)
     * @param nestingDepths the depths to nest a recursive list to
     */
    private BoundaryCases(ServiceModel model, String inputShape, ObjectNode base, List<Integer> nestingDepths) {
        this.model = model;
        this.input = model.shape(inputShape);
        this.base = base;
        this.nestingDepths = nestingDepths;
    }

    static List<BoundaryCase> derive(ServiceModel model, String inputShape, ObjectNode base,
            List<Integer> nestingDepths) {
        BoundaryCases derivation = new BoundaryCases(model, inputShape, base, nestingDepths);
        if (!model.accepts(derivation.input, base)) {
            throw new IllegalArgumentException("The base request breaks the model: "
                    + model.violations(derivation.input, base));
        }
        derivation.add(List.of(), inputShape, Kind.VALID_REQUEST, "the base request, as it is", -1, base);
        derivation.walk(derivation.input, List.of(), new HashMap<>());
        return List.copyOf(derivation.cases);
    }

    // --- the walk ------------------------------------------------------------------------------------------------

    /**
     * @param onPath the shapes on the way here, each with where it first appeared: a recursive shape is walked on
     *     its own level and one nested level, not forever
     */
    private void walk(Shape shape, List<Step> path, Map<String, Visits> onPath) {
        Visits visits = onPath.get(shape.name());
        if (visits != null && shape.isList()) {
            nestingCases(shape, visits.firstPath());
        }
        if (visits != null && visits.count() >= 2) {
            return;
        }
        Map<String, Visits> below = new HashMap<>(onPath);
        below.put(shape.name(), visits == null ? new Visits(List.copyOf(path), 1) : visits.again());
        switch (shape.type()) {
            case "structure" -> shape.members().forEach((member, memberShape) -> {
                List<Step> memberPath = append(path, Step.member(member));
                if (shape.required().contains(member)) {
                    add(memberPath, memberShape, Kind.ABSENT, "absent (required)", -1, null);
                }
                walk(model.shape(memberShape), memberPath, below);
            });
            case "string" -> stringCases(shape, path);
            case "long", "integer" -> numberCases(shape, path);
            case "list" -> {
                sizeCases(shape, path, "items", size -> listOf(shape, size));
                walk(model.shape(shape.member()), append(path, Step.element()), below);
            }
            case "map" -> {
                sizeCases(shape, path, "entries", size -> mapOf(shape, path, size));
                walk(model.shape(shape.key()), append(path, Step.key()), below);
                walk(model.shape(shape.value()), append(path, Step.value()), below);
            }
            default -> throw new IllegalStateException("No boundary cases for a " + shape.type() + " (" + shape.name()
                    + ") at " + render(path) + ": teach BoundaryCases this shape type");
        }
    }

    private record Visits(List<Step> firstPath, int count) {
        Visits again() {
            return new Visits(firstPath, count + 1);
        }
    }

    private void stringCases(Shape shape, List<Step> path) {
        String sample = sampleAt(path).textValue();
        if (shape.min() != null) {
            int min = shape.min().intValue();
            lengthCase(shape, path, min, Kind.AT_MIN_LENGTH, "the minimum", sample);
            if (min > 0) {
                lengthCase(shape, path, min - 1, Kind.BELOW_MIN_LENGTH, "one under the minimum", sample);
            }
        }
        if (shape.max() != null) {
            int max = shape.max().intValue();
            lengthCase(shape, path, max, Kind.AT_MAX_LENGTH, "the maximum", sample);
            lengthCase(shape, path, max + 1, Kind.ABOVE_MAX_LENGTH, "one over the maximum", sample);
            if (shape.pattern() == null || shape.pattern().matcher(OUTSIDE_BMP.repeat(max)).matches()) {
                add(path, shape.name(), Kind.AT_MAX_LENGTH_IN_CODE_POINTS, max + " characters outside the BMP ("
                        + 2 * max + " UTF-16 units), the maximum", max, text(OUTSIDE_BMP.repeat(max)));
                add(path, shape.name(), Kind.ABOVE_MAX_LENGTH_IN_CODE_POINTS, (max + 1)
                        + " characters outside the BMP, one over the maximum", max + 1,
                        text(OUTSIDE_BMP.repeat(max + 1)));
            }
        }
        if (shape.pattern() != null) {
            int shortest = Math.max(shape.min() == null ? 1 : shape.min().intValue(), 1);
            breaker(shape, path, Kind.WHITESPACE_ONLY, "only whitespace", " ".repeat(shortest));
            FOREIGN.stream().map(character -> sample + character)
                    .filter(candidate -> breaksOnlyThePattern(shape, candidate)).findFirst()
                    .ifPresent(candidate -> breaker(shape, path, Kind.FOREIGN_CHARACTER, "a character the pattern "
                            + "excludes (" + describe(candidate.substring(sample.length())) + ")", candidate));
            breaker(shape, path, Kind.LINE_BREAK_INSIDE, "a line break inside", sample + "\n" + sample);
            breaker(shape, path, Kind.TRAILING_LINE_BREAK, "a trailing line break", sample + "\n");
        }
    }

    private void lengthCase(Shape shape, List<Step> path, int length, Kind kind, String which, String sample) {
        Optional<String> matching = stringOfLength(shape, length, sample);
        String value = matching.orElseGet(() -> filled(sample, FILLERS.get(0), length));
        String label = "length " + length + ", " + which
                + (matching.isEmpty() ? " (no value this long matches the pattern either)" : "");
        add(path, shape.name(), kind, label, length, text(value));
    }

    /** A breaker counts only if it breaks the pattern and nothing else. */
    private void breaker(Shape shape, List<Step> path, Kind kind, String label, String value) {
        if (breaksOnlyThePattern(shape, value)) {
            add(path, shape.name(), kind, label, value.codePointCount(0, value.length()), text(value));
        }
    }

    private static boolean breaksOnlyThePattern(Shape shape, String value) {
        int length = value.codePointCount(0, value.length());
        boolean lengthFine = (shape.min() == null || length >= shape.min())
                && (shape.max() == null || length <= shape.max());
        return lengthFine && !shape.pattern().matcher(value).matches();
    }

    private void numberCases(Shape shape, List<Step> path) {
        if (shape.min() != null) {
            long min = shape.min();
            add(path, shape.name(), Kind.AT_MIN_VALUE, min + ", the minimum", min, NODES.numberNode(min));
            add(path, shape.name(), Kind.BELOW_MIN_VALUE, (min - 1) + ", one under the minimum", min - 1,
                    NODES.numberNode(min - 1));
        }
        if (shape.max() != null) {
            long max = shape.max();
            add(path, shape.name(), Kind.AT_MAX_VALUE, max + ", the maximum", max, NODES.numberNode(max));
            add(path, shape.name(), Kind.ABOVE_MAX_VALUE, (max + 1) + ", one over the maximum", max + 1,
                    NODES.numberNode(max + 1));
        }
    }

    private void sizeCases(Shape shape, List<Step> path, String unit,
            java.util.function.IntFunction<JsonNode> ofSize) {
        if (shape.min() != null) {
            int min = shape.min().intValue();
            add(path, shape.name(), Kind.AT_MIN_SIZE, min + " " + unit + ", the minimum", min, ofSize.apply(min));
            if (min > 0) {
                add(path, shape.name(), Kind.BELOW_MIN_SIZE, (min - 1) + " " + unit + ", one under the minimum",
                        min - 1, ofSize.apply(min - 1));
            }
        }
        if (shape.max() != null) {
            int max = shape.max().intValue();
            add(path, shape.name(), Kind.AT_MAX_SIZE, max + " " + unit + ", the maximum", max, ofSize.apply(max));
            add(path, shape.name(), Kind.ABOVE_MAX_SIZE, (max + 1) + " " + unit + ", one over the maximum", max + 1,
                    ofSize.apply(max + 1));
        }
    }

    /** The recursive list, from where it first appears, nested to each depth asked for (the model sets none). */
    private void nestingCases(Shape list, List<Step> firstPath) {
        if (cases.stream().anyMatch(c -> c.kind() == Kind.NESTED && c.field().equals(render(firstPath)))) {
            return;
        }
        Shape element = model.shape(list.member());
        String nestingMember = element.members().entrySet().stream()
                .filter(member -> member.getValue().equals(list.name())).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
        for (int depth : nestingDepths) {
            ArrayNode nested = null;
            for (int level = depth; level >= 1; level--) {
                ObjectNode item = (ObjectNode) minimal(element);
                if (nested != null) {
                    item.set(nestingMember, nested);
                }
                nested = NODES.arrayNode().add(item);
            }
            add(firstPath, list.name(), Kind.NESTED, depth + " levels deep (" + nestingMember + " within "
                    + nestingMember + "; the model sets no depth)", depth, nested, "one item in each of "
                    + depth + " nested lists");
        }
    }

    // --- values --------------------------------------------------------------------------------------------------

    /** A string of {@code length} code points that matches the shape's pattern, grown from the sample. */
    private static Optional<String> stringOfLength(Shape shape, int length, String sample) {
        List<String> candidates = new ArrayList<>();
        for (String filler : FILLERS) {
            candidates.add(filled(sample, filler, length));
            candidates.add(filler.repeat(length));
        }
        return candidates.stream()
                .filter(candidate -> shape.pattern() == null || shape.pattern().matcher(candidate).matches())
                .findFirst();
    }

    private static String filled(String sample, String filler, int length) {
        return sample.length() >= length
                ? sample.substring(0, length)
                : sample + filler.repeat(length - sample.length());
    }

    private JsonNode listOf(Shape list, int size) {
        ArrayNode items = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            items.add(minimal(model.shape(list.member())));
        }
        return items;
    }

    /** {@code size} entries, keys grown from the sample key, each the sample value. */
    private JsonNode mapOf(Shape map, List<Step> path, int size) {
        ObjectNode sampleMap = (ObjectNode) sampleAt(path);
        Map.Entry<String, JsonNode> sample = sampleMap.fields().next();
        ObjectNode entries = NODES.objectNode();
        Shape keyShape = model.shape(map.key());
        for (int i = 0; i < size; i++) {
            String key = sample.getKey() + i;
            if (!model.accepts(keyShape, text(key))) {
                throw new IllegalStateException("Cannot make " + size + " valid keys of " + keyShape.name()
                        + " from the sample key " + sample.getKey());
            }
            entries.set(key, sample.getValue().deepCopy());
        }
        return entries;
    }

    /** The smallest valid value of a shape: required members only, shortest strings, empty collections. */
    private JsonNode minimal(Shape shape) {
        return switch (shape.type()) {
            case "structure" -> {
                ObjectNode structure = NODES.objectNode();
                shape.required().forEach(member ->
                        structure.set(member, minimal(model.shape(shape.members().get(member)))));
                yield structure;
            }
            case "string" -> text(stringOfLength(shape, Math.max(shape.min() == null ? 1 : shape.min().intValue(), 1),
                    "c").orElseThrow(() -> new IllegalStateException("No minimal value for " + shape.name())));
            case "long", "integer" -> NODES.numberNode(shape.min() == null ? 0 : shape.min());
            case "list" -> NODES.arrayNode();
            case "map" -> NODES.objectNode();
            default -> throw new IllegalStateException("No minimal value for a " + shape.type());
        };
    }

    // --- requests ------------------------------------------------------------------------------------------------

    private void add(List<Step> path, String shape, Kind kind, String label, long measure, JsonNode value) {
        add(path, shape, kind, label, measure, value, shown(path, value));
    }

    private void add(List<Step> path, String shape, Kind kind, String label, long measure, JsonNode value,
            String shown) {
        ObjectNode request = path.isEmpty() ? base.deepCopy() : place(path, value);
        String tokenMember = input.idempotencyToken();
        boolean aboutTheToken = !path.isEmpty() && path.get(0).name().equals(tokenMember);
        if (tokenMember != null && !aboutTheToken) {
            // Every case its own token: the emulator would take a reused token with other parameters as a conflict.
            request.put(tokenMember, "case-" + (cases.size() + 1));
        }
        cases.add(new BoundaryCase(path.isEmpty() ? "(request)" : render(path), shape, kind, label, measure,
                shown, request, model.accepts(input, request)));
    }

    /** The base request with {@code value} at {@code path} (null removes the member). */
    private ObjectNode place(List<Step> path, JsonNode value) {
        ObjectNode root = base.deepCopy();
        JsonNode parent = root;
        for (Step step : path.subList(0, path.size() - 1)) {
            parent = step.child(parent);
            if (parent == null || parent.isMissingNode()) {
                throw new IllegalStateException("The base request has no sample at " + render(path)
                        + ": give it one");
            }
        }
        path.get(path.size() - 1).put(parent, value);
        return root;
    }

    private JsonNode sampleAt(List<Step> path) {
        JsonNode node = base;
        for (Step step : path) {
            node = step.sample(node);
            if (node == null || node.isMissingNode()) {
                throw new IllegalStateException("The base request has no sample at " + render(path) + ": give it one");
            }
        }
        return node;
    }

    private static String shown(List<Step> path, JsonNode value) {
        if (path.isEmpty()) {
            return "the base request";
        }
        if (value == null) {
            return "absent";
        }
        if (value.isTextual()) {
            return describe(value.textValue());
        }
        if (value.isArray()) {
            return value.size() + (value.size() == 1 ? " item" : " items");
        }
        if (value.isObject()) {
            return value.size() + (value.size() == 1 ? " entry" : " entries");
        }
        return value.toString();
    }

    private static TextNode text(String value) {
        return NODES.textNode(value);
    }

    private static List<Step> append(List<Step> path, Step step) {
        List<Step> longer = new ArrayList<>(path);
        longer.add(step);
        return longer;
    }

    static String render(List<Step> path) {
        StringBuilder out = new StringBuilder();
        for (Step step : path) {
            switch (step.type()) {
                case MEMBER -> out.append(out.length() == 0 ? "" : ".").append(step.name());
                case ELEMENT -> out.append("[]");
                case KEY -> out.append("{key}");
                case VALUE -> out.append("{value}");
            }
        }
        return out.toString();
    }

    /** A value as a failure message shows it: short, with line breaks and the like escaped. */
    static String describe(String value) {
        StringBuilder out = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < value.length() && shown < 40; i++, shown++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        out.append('"');
        int codePoints = value.codePointCount(0, value.length());
        return value.length() > 40 ? out + "... (" + codePoints + " characters)" : out.toString();
    }

    /** One step into a request: a structure member, a list's first item, a map entry's key or its value. */
    record Step(Type type, String name) {

        enum Type { MEMBER, ELEMENT, KEY, VALUE }

        static Step member(String name) {
            return new Step(Type.MEMBER, name);
        }

        static Step element() {
            return new Step(Type.ELEMENT, null);
        }

        static Step key() {
            return new Step(Type.KEY, null);
        }

        static Step value() {
            return new Step(Type.VALUE, null);
        }

        JsonNode child(JsonNode parent) {
            return switch (type) {
                case MEMBER -> parent.get(name);
                case ELEMENT -> parent.get(0);
                case KEY, VALUE -> throw new IllegalStateException("a map key or value has no members");
            };
        }

        JsonNode sample(JsonNode parent) {
            return switch (type) {
                case MEMBER -> parent.get(name);
                case ELEMENT -> parent.get(0);
                case KEY -> parent.size() == 0 ? null : NODES.textNode(parent.fieldNames().next());
                case VALUE -> parent.size() == 0 ? null : parent.elements().next();
            };
        }

        /** Puts {@code value} here: a map step keeps one entry, the sample's other half beside the value. */
        void put(JsonNode parent, JsonNode value) {
            switch (type) {
                case MEMBER -> {
                    if (value == null) {
                        ((ObjectNode) parent).remove(name);
                    } else {
                        ((ObjectNode) parent).set(name, value);
                    }
                }
                case ELEMENT -> ((ArrayNode) parent).set(0, value);
                case KEY -> {
                    JsonNode sampleValue = parent.elements().next();
                    ((ObjectNode) parent).removeAll().set(value.textValue(), sampleValue);
                }
                case VALUE -> {
                    String sampleKey = parent.fieldNames().next();
                    ((ObjectNode) parent).removeAll().set(sampleKey, value);
                }
            }
        }
    }
}

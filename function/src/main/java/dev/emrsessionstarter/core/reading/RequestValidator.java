package dev.emrsessionstarter.core.reading;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a session request against the EMR Serverless model's constraints and the deployment's allowlists before
 * any AWS call, collecting every broken rule rather than stopping at the first.
 */
public final class RequestValidator {

    /** Beyond this many, a report names the count only: one hostile request must not flood logs and events. */
    public static final int MAX_REPORTED_VIOLATIONS = 100;

    public static final String APPLICATION_ID = "applicationId";
    public static final String EXECUTION_ROLE_ARN = "executionRoleArn";
    public static final String NAME = "name";
    public static final String IDLE_TIMEOUT_MINUTES = "idleTimeoutMinutes";
    public static final String CONFIGURATION_OVERRIDES = "configurationOverrides";
    public static final String TAGS = "tags";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String CLIENT_TOKEN = "clientToken";
    public static final String CORRELATION_ID = "correlationId";
    public static final String TASK_TOKEN = "taskToken";
    public static final String ACTION = "action";
    public static final String SESSION_ID = "sessionId";

    /** The request's fields in the order the contract lists them. */
    public static final List<String> FIELDS = List.of(APPLICATION_ID, EXECUTION_ROLE_ARN, NAME, IDLE_TIMEOUT_MINUTES,
            CONFIGURATION_OVERRIDES, TAGS, IDEMPOTENCY_KEY, CLIENT_TOKEN, CORRELATION_ID, TASK_TOKEN, ACTION,
            SESSION_ID);
    /** What only starting a session takes: a terminate request that names one of them is refused. */
    static final List<String> START_ONLY = List.of(EXECUTION_ROLE_ARN, NAME, IDLE_TIMEOUT_MINUTES,
            CONFIGURATION_OVERRIDES, TAGS, CLIENT_TOKEN);

    private static final String RUNTIME_CONFIGURATION = "runtimeConfiguration";
    private static final Set<String> CONFIGURATION_FIELDS = Set.of("classification", "properties", "configurations");

    private final RequestPolicy policy;

    public RequestValidator(RequestPolicy policy) {
        this.policy = policy;
    }

    public Validation validate(JsonNode body) {
        return new Run().validate(body);
    }

    /** One validation: collects violations while reading the fields. */
    private final class Run {
        private final List<Violation> violations = new ArrayList<>();
        private final List<Violation> refusals = new ArrayList<>();
        private int violationCount;

        Validation validate(JsonNode body) {
            if (body == null || !body.isObject()) {
                add("", "body must be a JSON object");
                return new Validation(emptyRequest(), violations, violationCount, refusals);
            }
            reportUnknownFields(body);
            SessionRequest.Action action = action(body);
            if (action == SessionRequest.Action.TERMINATE) {
                return terminate(body);
            }
            if (present(body, SESSION_ID)) {
                add(SESSION_ID, "is allowed only on a terminate request (\"action\": \"terminate\")");
            }

            String applicationId = requiredOrDefault(body, APPLICATION_ID, policy.defaultApplicationId(),
                    FieldRules::applicationId, RequestPolicy.DEFAULT_APPLICATION_ID);
            String roleArn = requiredOrDefault(body, EXECUTION_ROLE_ARN, policy.defaultExecutionRoleArn(),
                    FieldRules::executionRoleArn, RequestPolicy.DEFAULT_EXECUTION_ROLE_ARN);
            String name = optionalString(body, NAME, FieldRules::name);
            Long idleTimeout = idleTimeoutMinutes(body);
            List<RuntimeConfiguration> runtimeConfiguration = configurationOverrides(body);
            Map<String, String> tags = tags(body);
            String idempotencyKey = optionalString(body, IDEMPOTENCY_KEY, FieldRules::idempotencyKey);
            String clientToken = optionalString(body, CLIENT_TOKEN, FieldRules::clientToken);
            String correlationId = optionalString(body, CORRELATION_ID, FieldRules::correlationId);
            String taskToken = optionalString(body, TASK_TOKEN, FieldRules::taskToken);

            // A refused value is well formed, so it stays in the request: the failure event may name it.
            if (applicationId != null && !policy.allowedApplicationIds().allows(applicationId)) {
                refuse(APPLICATION_ID, RequestPolicy.ALLOWED_APPLICATION_IDS);
            }
            if (roleArn != null && !policy.allowedExecutionRoleArns().allows(roleArn)) {
                refuse(EXECUTION_ROLE_ARN, RequestPolicy.ALLOWED_EXECUTION_ROLE_ARNS);
            }
            SessionRequest request = new SessionRequest(applicationId, roleArn, name, idleTimeout,
                    runtimeConfiguration, tags, idempotencyKey, clientToken, correlationId, taskToken,
                    SessionRequest.Action.START, null);
            return new Validation(request, violations, violationCount, refusals);
        }

        /** {@code action} absent or null is a start. */
        private SessionRequest.Action action(JsonNode body) {
            JsonNode node = body.get(ACTION);
            if (node == null || node.isNull()) {
                return SessionRequest.Action.START;
            }
            String value = string(node, ACTION);
            for (SessionRequest.Action action : SessionRequest.Action.values()) {
                if (action.wireName().equals(value)) {
                    return action;
                }
            }
            if (value != null) {
                add(ACTION, "must be \"start\" or \"terminate\"");
            }
            return SessionRequest.Action.START;
        }

        /**
         * Ending a session takes the application (allowlisted as for a start), the session and the optional members
         * every request has; none of what only a start takes.
         */
        private Validation terminate(JsonNode body) {
            for (String field : START_ONLY) {
                if (present(body, field)) {
                    add(field, "is not allowed on a terminate request");
                }
            }
            String applicationId = requiredOrDefault(body, APPLICATION_ID, policy.defaultApplicationId(),
                    FieldRules::applicationId, RequestPolicy.DEFAULT_APPLICATION_ID);
            JsonNode session = body.get(SESSION_ID);
            String sessionId = session == null || session.isNull() ? null
                    : checkedString(session, SESSION_ID, FieldRules::sessionId);
            if (session == null || session.isNull()) {
                add(SESSION_ID, "is required on a terminate request");
            }
            String idempotencyKey = optionalString(body, IDEMPOTENCY_KEY, FieldRules::idempotencyKey);
            String correlationId = optionalString(body, CORRELATION_ID, FieldRules::correlationId);
            String taskToken = optionalString(body, TASK_TOKEN, FieldRules::taskToken);
            if (applicationId != null && !policy.allowedApplicationIds().allows(applicationId)) {
                refuse(APPLICATION_ID, RequestPolicy.ALLOWED_APPLICATION_IDS);
            }
            SessionRequest request = new SessionRequest(applicationId, null, null, null, null, null, idempotencyKey,
                    null, correlationId, taskToken, SessionRequest.Action.TERMINATE, sessionId);
            return new Validation(request, violations, violationCount, refusals);
        }

        private boolean present(JsonNode body, String field) {
            return body.has(field) && !body.get(field).isNull();
        }

        private void reportUnknownFields(JsonNode body) {
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!FIELDS.contains(field)) {
                    add(FieldPath.quoted(field), "is not a known field" + suggestion(field, FIELDS));
                }
            }
        }

        private String requiredOrDefault(JsonNode body, String field, String fallback,
                java.util.function.Function<String, Optional<String>> rule, String defaultSetting) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                if (fallback == null) {
                    add(field, "is required (this deployment sets no " + defaultSetting + ")");
                }
                return fallback;
            }
            return checkedString(node, field, rule);
        }

        private String optionalString(JsonNode body, String field,
                java.util.function.Function<String, Optional<String>> rule) {
            JsonNode node = body.get(field);
            return node == null || node.isNull() ? null : checkedString(node, field, rule);
        }

        private String checkedString(JsonNode node, String path,
                java.util.function.Function<String, Optional<String>> rule) {
            String value = string(node, path);
            if (value == null) {
                return null;
            }
            Optional<String> broken = rule.apply(value);
            broken.ifPresent(problem -> add(path, problem));
            return broken.isPresent() ? null : value;
        }

        /** The node's text, or null (with a violation) when it is not a string of valid Unicode. */
        private String string(JsonNode node, String path) {
            if (!node.isTextual()) {
                add(path, "must be a string (was " + JsonBodies.kind(node) + ")");
                return null;
            }
            String value = node.textValue();
            if (hasUnpairedSurrogate(value)) {
                add(path, "must be valid Unicode text");
                return null;
            }
            return value;
        }

        private Long idleTimeoutMinutes(JsonNode body) {
            JsonNode node = body.get(IDLE_TIMEOUT_MINUTES);
            if (node == null || node.isNull()) {
                return policy.defaultIdleTimeoutMinutes();
            }
            if (!node.isNumber()) {
                add(IDLE_TIMEOUT_MINUTES, "must be a number (was " + JsonBodies.kind(node) + ")");
                return null;
            }
            if (!node.isIntegralNumber()) {
                add(IDLE_TIMEOUT_MINUTES, "must be a whole number");
                return null;
            }
            BigInteger value = node.bigIntegerValue();
            if (value.bitLength() > 62) {
                add(IDLE_TIMEOUT_MINUTES, FieldRules.idleTimeoutMinutes(-1).orElseThrow());
                return null;
            }
            Optional<String> broken = FieldRules.idleTimeoutMinutes(value.longValue());
            broken.ifPresent(problem -> add(IDLE_TIMEOUT_MINUTES, problem));
            return broken.isPresent() ? null : value.longValue();
        }

        private List<RuntimeConfiguration> configurationOverrides(JsonNode body) {
            JsonNode overrides = body.get(CONFIGURATION_OVERRIDES);
            if (overrides == null || overrides.isNull()) {
                return null;
            }
            if (!overrides.isObject()) {
                add(CONFIGURATION_OVERRIDES, "must be an object (was " + JsonBodies.kind(overrides) + ")");
                return null;
            }
            for (Iterator<String> names = overrides.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!RUNTIME_CONFIGURATION.equals(field)) {
                    add(CONFIGURATION_OVERRIDES + "." + FieldPath.quoted(field),
                            "is not supported for sessions (only runtimeConfiguration is)"
                                    + suggestion(field, List.of(RUNTIME_CONFIGURATION)));
                }
            }
            JsonNode list = overrides.get(RUNTIME_CONFIGURATION);
            if (list == null || list.isNull()) {
                return null;
            }
            return configurations(list, FieldPath.member(CONFIGURATION_OVERRIDES, RUNTIME_CONFIGURATION), 1);
        }

        private List<RuntimeConfiguration> configurations(JsonNode list, String path, int depth) {
            if (!list.isArray()) {
                add(path, "must be an array (was " + JsonBodies.kind(list) + ")");
                return null;
            }
            if (depth > FieldRules.CONFIGURATION_DEPTH_MAX) {
                add(path, "nests configurations deeper than " + FieldRules.CONFIGURATION_DEPTH_MAX + " levels");
                return null;
            }
            if (list.size() > FieldRules.CONFIGURATIONS_MAX) {
                add(path, "must have at most " + FieldRules.CONFIGURATIONS_MAX + " items (had " + list.size() + ")");
            }
            List<RuntimeConfiguration> configurations = new ArrayList<>();
            boolean allValid = true;
            for (int i = 0; i < list.size(); i++) {
                RuntimeConfiguration configuration = configuration(list.get(i), FieldPath.index(path, i), depth);
                allValid &= configuration != null;
                configurations.add(configuration);
            }
            return allValid ? configurations : null;
        }

        private RuntimeConfiguration configuration(JsonNode node, String path, int depth) {
            if (!node.isObject()) {
                add(path, "must be an object (was " + JsonBodies.kind(node) + ")");
                return null;
            }
            int before = violationCount;
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!CONFIGURATION_FIELDS.contains(field)) {
                    add(path + "." + FieldPath.quoted(field),
                            "is not a known field" + suggestion(field, CONFIGURATION_FIELDS));
                }
            }
            JsonNode classificationNode = node.get("classification");
            String classification = null;
            if (classificationNode == null || classificationNode.isNull()) {
                add(FieldPath.member(path, "classification"), "is required");
            } else {
                classification = checkedString(classificationNode, FieldPath.member(path, "classification"),
                        FieldRules::classification);
            }
            Map<String, String> properties = properties(node.get("properties"), FieldPath.member(path, "properties"));
            JsonNode nested = node.get("configurations");
            List<RuntimeConfiguration> configurations = nested == null || nested.isNull()
                    ? null
                    : configurations(nested, FieldPath.member(path, "configurations"), depth + 1);
            return violationCount == before
                    ? new RuntimeConfiguration(classification, properties, configurations)
                    : null;
        }

        private Map<String, String> properties(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                add(path, "must be an object (was " + JsonBodies.kind(node) + ")");
                return null;
            }
            if (node.size() > FieldRules.PROPERTIES_MAX) {
                add(path, "must have at most " + FieldRules.PROPERTIES_MAX + " entries (had " + node.size() + ")");
            }
            Map<String, String> properties = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String keyPath = FieldPath.key(path, entry.getKey());
                if (hasUnpairedSurrogate(entry.getKey())) {
                    add(keyPath, "key must be valid Unicode text");
                    continue;
                }
                FieldRules.propertyKey(entry.getKey()).ifPresent(problem -> add(keyPath, "key " + problem));
                String value = checkedString(entry.getValue(), keyPath, FieldRules::propertyValue);
                if (value != null) {
                    properties.put(entry.getKey(), value);
                }
            }
            return properties;
        }

        private Map<String, String> tags(JsonNode body) {
            JsonNode node = body.get(TAGS);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                add(TAGS, "must be an object (was " + JsonBodies.kind(node) + ")");
                return null;
            }
            if (node.size() > FieldRules.TAGS_MAX) {
                add(TAGS, "must have at most " + FieldRules.TAGS_MAX + " entries (had " + node.size() + ")");
            }
            int before = violationCount;
            Map<String, String> tags = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String keyPath = FieldPath.key(TAGS, entry.getKey());
                FieldRules.tagKey(entry.getKey()).ifPresent(problem -> add(keyPath, "key " + problem));
                String value = checkedString(entry.getValue(), keyPath, FieldRules::tagValue);
                tags.put(entry.getKey(), value);
            }
            return violationCount == before ? tags : null;
        }

        private void refuse(String field, String setting) {
            refusals.add(new Violation(field, "is not allowed by this deployment (" + setting + ")"));
        }

        private void add(String field, String rule) {
            violationCount++;
            if (violations.size() < MAX_REPORTED_VIOLATIONS) {
                violations.add(new Violation(field, rule));
            }
        }
    }

    private static SessionRequest emptyRequest() {
        return SessionRequest.EMPTY;
    }

    private static boolean hasUnpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A hint for a misspelt field name: a close known name, by edit distance. */
    static String suggestion(String unknown, java.util.Collection<String> known) {
        if (unknown.length() > 64) {
            return "";
        }
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = editDistance(unknown.toLowerCase(java.util.Locale.ROOT),
                    candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

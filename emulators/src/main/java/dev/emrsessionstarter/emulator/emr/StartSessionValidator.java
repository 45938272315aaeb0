package dev.emrsessionstarter.emulator.emr;

import static dev.emrsessionstarter.emulator.emr.JsonMembers.array;
import static dev.emrsessionstarter.emulator.emr.JsonMembers.longValue;
import static dev.emrsessionstarter.emulator.emr.JsonMembers.object;
import static dev.emrsessionstarter.emulator.emr.JsonMembers.string;
import static dev.emrsessionstarter.emulator.emr.JsonMembers.stringMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.emulator.http.ConstraintViolations;
import dev.emrsessionstarter.emulator.http.ServiceError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks a StartSession request against every constraint of the model and reports all violations at once, as a 400
 * {@code ValidationException}. Unknown members are ignored, as a real AWS JSON service does. No violation message
 * carries a value (configuration property values may be secrets); map violations do not even name the key.
 */
final class StartSessionValidator {

    private final ObjectMapper json;

    StartSessionValidator(ObjectMapper json) {
        this.json = json;
    }

    SessionRequest validate(String applicationId, JsonNode body) {
        if (!body.isObject()) {
            throw ServiceError.serialization("The request body must be a JSON object.");
        }
        ConstraintViolations violations = new ConstraintViolations();
        ModelShapes.APPLICATION_ID.check(applicationId, "applicationId", violations);

        ObjectNode parameters = json.createObjectNode();
        String clientToken = string(body, "clientToken", "clientToken").orElse(null);
        if (clientToken == null) {
            violations.missing("clientToken");
        } else {
            ModelShapes.CLIENT_TOKEN.check(clientToken, "clientToken", violations);
        }

        String role = string(body, "executionRoleArn", "executionRoleArn").orElse(null);
        if (role == null) {
            violations.missing("executionRoleArn");
        } else {
            ModelShapes.IAM_ROLE_ARN.check(role, "executionRoleArn", violations);
            parameters.put("executionRoleArn", role);
        }

        string(body, "name", "name").ifPresent(name -> {
            ModelShapes.STRING_256.check(name, "name", violations);
            parameters.put("name", name);
        });

        longValue(body, "idleTimeoutMinutes", "idleTimeoutMinutes").ifPresent(minutes -> {
            if (minutes < ModelShapes.MIN_IDLE_TIMEOUT_MINUTES) {
                violations.add("idleTimeoutMinutes",
                        "Member must have value greater than or equal to " + ModelShapes.MIN_IDLE_TIMEOUT_MINUTES);
            }
            if (minutes > ModelShapes.MAX_IDLE_TIMEOUT_MINUTES) {
                violations.add("idleTimeoutMinutes",
                        "Member must have value less than or equal to " + ModelShapes.MAX_IDLE_TIMEOUT_MINUTES);
            }
            parameters.put("idleTimeoutMinutes", minutes);
        });

        stringMap(body, "tags", "tags").ifPresent(tags -> {
            checkMap(tags, "tags", ModelShapes.MAX_TAGS, ModelShapes.TAG_KEY, ModelShapes.TAG_VALUE, violations);
            parameters.set("tags", tags.deepCopy());
        });

        object(body, "configurationOverrides", "configurationOverrides").ifPresent(overrides -> {
            ObjectNode kept = json.createObjectNode();
            array(overrides, "runtimeConfiguration", "configurationOverrides.runtimeConfiguration")
                    .ifPresent(list -> kept.set("runtimeConfiguration",
                            checkConfigurations(list, "configurationOverrides.runtimeConfiguration", violations)));
            parameters.set("configurationOverrides", kept);
        });

        violations.throwIfAny();
        return new SessionRequest(clientToken, parameters);
    }

    /** Checks a ConfigurationList (recursively) and returns it with unknown members dropped. */
    private JsonNode checkConfigurations(JsonNode list, String path, ConstraintViolations violations) {
        if (list.size() > ModelShapes.MAX_CONFIGURATIONS) {
            violations.add(path, "Member must have length less than or equal to " + ModelShapes.MAX_CONFIGURATIONS);
        }
        var kept = json.createArrayNode();
        int position = 1;
        for (JsonNode configuration : list) {
            String memberPath = path + "." + position++ + ".member";
            if (!configuration.isObject()) {
                throw JsonMembers.typeMismatch(memberPath, "an object");
            }
            ObjectNode keptConfiguration = json.createObjectNode();
            String classification = string(configuration, "classification", memberPath + ".classification")
                    .orElse(null);
            if (classification == null) {
                violations.missing(memberPath + ".classification");
            } else {
                ModelShapes.STRING_1024.check(classification, memberPath + ".classification", violations);
                keptConfiguration.put("classification", classification);
            }
            stringMap(configuration, "properties", memberPath + ".properties").ifPresent(properties -> {
                checkMap(properties, memberPath + ".properties", ModelShapes.MAX_PROPERTIES,
                        ModelShapes.PROPERTY_KEY, ModelShapes.PROPERTY_VALUE, violations);
                keptConfiguration.set("properties", properties.deepCopy());
            });
            array(configuration, "configurations", memberPath + ".configurations").ifPresent(nested ->
                    keptConfiguration.set("configurations",
                            checkConfigurations(nested, memberPath + ".configurations", violations)));
            kept.add(keptConfiguration);
        }
        return kept;
    }

    /**
     * Checks a map's size, keys and values, reporting at most one violation for all keys and one for all values,
     * each listing the constraints broken (AWS's "Map keys must satisfy constraint: [...]" form), never a key or value.
     */
    private static void checkMap(JsonNode map, String path, int maxEntries, StringConstraint keys,
                                 StringConstraint values, ConstraintViolations violations) {
        if (map.size() > maxEntries) {
            violations.add(path, "Member must have length less than or equal to " + maxEntries);
        }
        Set<String> keyFailures = new LinkedHashSet<>();
        Set<String> valueFailures = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            keyFailures.addAll(keys.failures(entry.getKey()));
            valueFailures.addAll(values.failures(entry.getValue().asText()));
        }
        if (!keyFailures.isEmpty()) {
            violations.add(path, "Map keys must satisfy constraint: " + bracketed(keyFailures));
        }
        if (!valueFailures.isEmpty()) {
            violations.add(path, "Map value must satisfy constraint: " + bracketed(valueFailures));
        }
    }

    private static String bracketed(Set<String> failures) {
        return new ArrayList<>(failures).toString();
    }
}

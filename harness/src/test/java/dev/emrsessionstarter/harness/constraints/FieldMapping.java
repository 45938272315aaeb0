package dev.emrsessionstarter.harness.constraints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.harness.constraints.ServiceModel.Shape;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where each StartSession input member sits in a session request (docs/contract.md section 2): the one table that maps
 * the service model onto the function's request, in both directions of the constraint test. Nothing here is derived: a
 * model member without a row, or a request field that is neither mapped nor listed as the function's own, fails the
 * test until someone decides where it goes.
 */
final class FieldMapping {

    /** One model member and the request field it is. */
    record Row(String shape, String member, String requestField, String note) {
    }

    static final List<Row> ROWS = List.of(
            new Row("StartSessionRequest", "applicationId", "applicationId",
                    "a URI label in the model, a body field in the request; may default from DEFAULT_APPLICATION_ID"),
            new Row("StartSessionRequest", "clientToken", "clientToken",
                    "required in the model (the SDK fills a random one); optional in the request, derived from the "
                            + "request identity when absent (docs/contract.md section 3)"),
            new Row("StartSessionRequest", "executionRoleArn", "executionRoleArn",
                    "may default from DEFAULT_EXECUTION_ROLE_ARN"),
            new Row("StartSessionRequest", "configurationOverrides", "configurationOverrides", ""),
            new Row("StartSessionRequest", "tags", "tags", ""),
            new Row("StartSessionRequest", "idleTimeoutMinutes", "idleTimeoutMinutes",
                    "may default from DEFAULT_IDLE_TIMEOUT_MINUTES"),
            new Row("StartSessionRequest", "name", "name", ""),
            new Row("SessionConfigurationOverrides", "runtimeConfiguration", "runtimeConfiguration",
                    "configurationOverrides.runtimeConfiguration, the only override sessions take"),
            new Row("Configuration", "classification", "classification", ""),
            new Row("Configuration", "properties", "properties", "values are secrets: never logged nor published"),
            new Row("Configuration", "configurations", "configurations", "nested; the function bounds the depth"));

    /** Request fields that are the function's own, with no model member behind them. */
    static final Map<String, String> REQUEST_ONLY = Map.of(
            "idempotencyKey", "the request identity a producer chooses (docs/contract.md section 1)",
            "correlationId", "echoed into logs and events (docs/contract.md section 2)",
            "taskToken", "a Step Functions task token (docs/contract.md section 7)",
            "action", "start (the default) or terminate (docs/contract.md section 8)",
            "sessionId", "the session a terminate request ends: TerminateSession's, not StartSession's");

    private FieldMapping() {
    }

    static String requestField(String shape, String member) {
        return ROWS.stream().filter(row -> row.shape().equals(shape) && row.member().equals(member))
                .map(Row::requestField).findFirst()
                .orElseThrow(() -> new IllegalStateException("The model member " + shape + "." + member
                        + " has no row in FieldMapping.ROWS: decide which request field it is"));
    }

    /** The model members reachable from {@code input} that have no row. */
    static Set<String> unmappedMembers(ServiceModel model, String input) {
        Set<String> unmapped = new java.util.TreeSet<>();
        collectUnmapped(model, model.shape(input), unmapped, new java.util.HashSet<>());
        return unmapped;
    }

    private static void collectUnmapped(ServiceModel model, Shape shape, Set<String> unmapped, Set<String> seen) {
        if (!seen.add(shape.name())) {
            return;
        }
        shape.members().forEach((member, memberShape) -> {
            if (ROWS.stream().noneMatch(row -> row.shape().equals(shape.name()) && row.member().equals(member))) {
                unmapped.add(shape.name() + "." + member);
            }
            collectUnmapped(model, model.shape(memberShape), unmapped, seen);
        });
        for (String inner : new String[] {shape.member(), shape.key(), shape.value()}) {
            if (inner != null) {
                collectUnmapped(model, model.shape(inner), unmapped, seen);
            }
        }
    }

    /** The top-level request fields the table and the function's own list know. */
    static Set<String> knownRequestFields() {
        Set<String> known = ROWS.stream().filter(row -> row.shape().equals("StartSessionRequest"))
                .map(Row::requestField).collect(Collectors.toCollection(java.util.TreeSet::new));
        known.addAll(REQUEST_ONLY.keySet());
        return known;
    }

    /** A model-shaped request as a session request: every structure member renamed by the table. */
    static JsonNode toRequest(ServiceModel model, String shapeName, JsonNode value) {
        Shape shape = model.shape(shapeName);
        switch (shape.type()) {
            case "structure" -> {
                ObjectNode request = JsonNodeFactory.instance.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = it.next();
                    request.set(requestField(shapeName, member.getKey()),
                            toRequest(model, shape.members().get(member.getKey()), member.getValue()));
                }
                return request;
            }
            case "list" -> {
                var items = JsonNodeFactory.instance.arrayNode();
                value.forEach(item -> items.add(toRequest(model, shape.member(), item)));
                return items;
            }
            default -> {
                return value.deepCopy();
            }
        }
    }
}

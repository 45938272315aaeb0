package dev.emrsessionstarter.harness.constraints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.reading.FieldRules;
import dev.emrsessionstarter.core.reading.RequestValidator;
import dev.emrsessionstarter.harness.constraints.BoundaryCase.Kind;
import dev.emrsessionstarter.harness.constraints.Verdict.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One source of truth for the StartSession constraints: the service model. Four places enforce them (the model
 * itself, the function's {@code FieldRules}/{@code RequestValidator}, the published request schema, and the EMR
 * Serverless emulator's {@code StartSessionValidator}); nothing else checks them against each other. This test
 * derives boundary cases from the model ({@link BoundaryCases}) and asks every judge about every case: each must
 * accept exactly what the model accepts, unless a deviation below says why not. A constraint changed in one place and
 * missed in another fails here, once per disagreement, naming the field, the case and who disagrees.
 */
class StartSessionConstraintsTest {

    private static final String INPUT = "StartSessionRequest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceModel MODEL = ServiceModel.load();

    /**
     * A request the model accepts, in the model's layout, with a sample at every path the cases reach (the
     * boundary values grow from them: a valid IAM role ARN of 2048 characters starts as a real one).
     */
    private static final String BASE = """
            {"applicationId": "00fkabc123xyz",
             "clientToken": "constraint-check",
             "executionRoleArn": "arn:aws:iam::123456789012:role/EmrSessionRole",
             "name": "nightly-exploration",
             "idleTimeoutMinutes": 60,
             "configurationOverrides": {"runtimeConfiguration": [
               {"classification": "spark-defaults", "properties": {"spark.executor.memory": "4g"},
                "configurations": [{"classification": "export", "properties": {"JAVA_HOME": "/usr/lib/jvm/java-17"}}]}
             ]},
             "tags": {"team": "analytics"}}""";

    /** The model sets no depth for nested configurations; the function does (see the deviations). */
    private static final List<Integer> NESTING_DEPTHS =
            List.of(FieldRules.CONFIGURATION_DEPTH_MAX, FieldRules.CONFIGURATION_DEPTH_MAX + 1);

    private static final Set<String> NON_BLANK_SHAPES =
            Set.of("String256", "String1024", "ConfigurationPropertyKey", "ConfigurationPropertyValue");

    /**
     * Where a judge deliberately departs from the model, and why. Each must still hold: a deviation that no case
     * meets, or where the judge has come to agree with the model, fails the test until it is removed.
     */
    private static final List<Deviation> DEVIATIONS = List.of(
            new Deviation(Judge.FunctionValidator.class, "configurations nested deeper than "
                    + FieldRules.CONFIGURATION_DEPTH_MAX + " levels",
                    c -> c.kind() == Kind.NESTED && c.measure() > FieldRules.CONFIGURATION_DEPTH_MAX,
                    Outcome.REJECTED,
                    "the model sets no depth; the function bounds it (FieldRules.CONFIGURATION_DEPTH_MAX) so that a "
                            + "hostile request cannot cost unbounded work; real classifications nest once or twice"),
            new Deviation(Judge.FunctionValidator.class, "line breaks in " + NON_BLANK_SHAPES,
                    c -> NON_BLANK_SHAPES.contains(c.shape())
                            && (c.kind() == Kind.LINE_BREAK_INSIDE || c.kind() == Kind.TRAILING_LINE_BREAK),
                    Outcome.ACCEPTED,
                    "FieldRules reads the model's .*\\S.* as 'has a non-whitespace character': where the model is "
                            + "ambiguous (line breaks, which '.' does not match) the function lets EMR Serverless "
                            + "decide, whose ValidationException is a permanent rejection as well"),
            new Deviation(Judge.FunctionValidator.class, "clientToken absent",
                    c -> c.field().equals("clientToken") && c.kind() == Kind.ABSENT, Outcome.ACCEPTED,
                    "a request may leave it out: the function derives it from the request identity (contract "
                            + "section 3) and every StartSession carries one"),
            new Deviation(Judge.RequestSchema.class, "clientToken absent",
                    c -> c.field().equals("clientToken") && c.kind() == Kind.ABSENT, Outcome.ACCEPTED,
                    "optional in a request: the function derives it (docs/contract.md section 3)"),
            new Deviation(Judge.Emulator.class, "clientToken absent",
                    c -> c.field().equals("clientToken") && c.kind() == Kind.ABSENT, Outcome.ACCEPTED,
                    "the SDK fills an absent idempotency token with a random one, so no StartSession lacks it"),
            new Deviation(Judge.RequestSchema.class, "applicationId or executionRoleArn absent",
                    c -> (c.field().equals("applicationId") || c.field().equals("executionRoleArn"))
                            && c.kind() == Kind.ABSENT, Outcome.ACCEPTED,
                    "a deployment may default them (DEFAULT_APPLICATION_ID, DEFAULT_EXECUTION_ROLE_ARN; contract "
                            + "section 2); the function rejects a request without them where it sets none"),
            new Deviation(Judge.Emulator.class, "applicationId absent or empty",
                    c -> c.field().equals("applicationId")
                            && (c.kind() == Kind.ABSENT || c.kind() == Kind.AT_MIN_LENGTH && c.measure() == 0
                                    || c.kind() == Kind.BELOW_MIN_LENGTH && c.measure() == 0),
                    Outcome.NOT_SENT,
                    "a URI label: the SDK refuses to send an empty one, so neither the emulator nor the service can "
                            + "be asked"));

    private static Judge.Emulator emulator;
    private static List<Judge> judges;

    @BeforeAll
    static void start_the_judges() {
        emulator = new Judge.Emulator();
        judges = List.of(new Judge.FunctionValidator(), new Judge.RequestSchema(), emulator);
    }

    @AfterAll
    static void stop_the_emulator() {
        emulator.close();
    }

    @TestFactory
    Stream<DynamicNode> every_judge_accepts_exactly_what_the_model_accepts() {
        Map<String, List<BoundaryCase>> byField = new LinkedHashMap<>();
        for (BoundaryCase boundary : cases()) {
            byField.computeIfAbsent(boundary.field() + " (" + boundary.shape() + ")", unused -> new ArrayList<>())
                    .add(boundary);
        }
        return byField.entrySet().stream().map(field -> DynamicContainer.dynamicContainer(field.getKey(),
                field.getValue().stream().map(boundary -> DynamicContainer.dynamicContainer(boundary.label(),
                        judges.stream().map(judge -> DynamicTest.dynamicTest(judge.name(),
                                () -> check(boundary, judge)))))));
    }

    @Test
    void every_model_member_has_a_row_in_the_mapping_table() {
        assertThat(FieldMapping.unmappedMembers(MODEL, INPUT))
                .as("model members with no row in FieldMapping.ROWS: decide which request field each one is")
                .isEmpty();
    }

    @Test
    void every_request_field_the_function_reads_is_mapped_or_its_own() {
        assertThat(FieldMapping.knownRequestFields())
                .as("request fields of RequestValidator.FIELDS that are neither a model member (FieldMapping.ROWS) "
                        + "nor the function's own (FieldMapping.REQUEST_ONLY)")
                .containsAll(RequestValidator.FIELDS);
    }

    @Test
    void every_request_field_the_schema_allows_is_mapped_or_the_functions_own() {
        assertThat(FieldMapping.knownRequestFields())
                .as("properties of the request schema that are neither a model member nor the function's own")
                .containsAll(new Judge.RequestSchema().topLevelProperties());
    }

    @Test
    void every_deviation_meets_a_case() {
        List<BoundaryCase> cases = cases();
        assertThat(DEVIATIONS).as("deviations that no derived case meets any more: remove them")
                .allSatisfy(deviation -> assertThat(cases).as(deviation.toString()).anyMatch(deviation.applies()));
    }

    private static List<BoundaryCase> cases() {
        return BoundaryCases.derive(MODEL, INPUT, base(), NESTING_DEPTHS);
    }

    private static void check(BoundaryCase boundary, Judge judge) {
        Verdict verdict = judge.judge(MODEL, boundary.request());
        Outcome model = Verdict.of(boundary.modelAccepts());
        String where = boundary.title() + ", value " + boundary.shown() + ": ";
        Optional<Deviation> deviation = DEVIATIONS.stream()
                .filter(listed -> listed.judge().isInstance(judge) && listed.applies().test(boundary)).findFirst();
        if (deviation.isPresent()) {
            Outcome expected = deviation.get().outcome();
            if (verdict.outcome() != expected) {
                fail(where + judge.name() + " is listed as a deviation here (" + deviation.get().what() + ": "
                        + word(expected) + ", because " + deviation.get().reason() + ") but " + word(verdict.outcome())
                        + (verdict.outcome() == model ? ", as the model does: remove the deviation" : "")
                        + ". It said: " + verdict.detail());
            }
            return;
        }
        if (verdict.outcome() != model) {
            fail(where + judge.name() + " " + word(verdict.outcome()) + " what the model " + word(model)
                    + (model == Outcome.REJECTED ? " (" + String.join("; ", MODEL.violations(MODEL.shape(INPUT),
                            boundary.request())) + ")" : "")
                    + ". It said: " + verdict.detail());
        }
    }

    private static String word(Outcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> "accepts";
            case REJECTED -> "rejects";
            case NOT_SENT -> "cannot be sent";
        };
    }

    private static ObjectNode base() {
        try {
            return (ObjectNode) JSON.readTree(BASE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A judge's deliberate departure from the model.
     *
     * @param what the cases it covers, in words
     * @param outcome what the judge says instead of the model
     */
    record Deviation(Class<? extends Judge> judge, String what, Predicate<BoundaryCase> applies, Outcome outcome,
            String reason) {

        @Override
        public String toString() {
            return judge.getSimpleName() + ": " + what;
        }
    }
}

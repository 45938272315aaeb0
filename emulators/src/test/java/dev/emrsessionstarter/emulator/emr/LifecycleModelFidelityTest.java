package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Holds the lifecycle operations (GetSessionEndpoint, StartApplication) and the members GetSession and GetApplication
 * answer to the service model the SDK client is generated from: routes, member names, required members, string
 * constraints, timestamp and number types, and which errors with which status. Raw HTTP, so the SDK's leniency hides
 * nothing.
 */
class LifecycleModelFidelityTest extends EmrEmulatorTestBase {

    private static final String MODEL = "dev/emrsessionstarter/internal/emrserverless/model-files/service-2.json";
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEMULATOR/20260301/us-east-1/"
            + "emr-serverless/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private JsonNode model;
    private String readySession;
    private String startingSession;

    @BeforeEach
    void loadModelAndSessions() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(MODEL)) {
            assertThat(in).as(MODEL).isNotNull();
            model = json.readTree(in);
        }
        emulator.addApplication(Application.builder().id("stoppedapp").state(ApplicationState.STOPPED)
                .autoStartEnabled(false).build());
        emulator.addApplication(Application.builder().id("goneapp").state(ApplicationState.TERMINATED).build());
        readySession = start("ready").sessionId();
        clock.advance(TIMINGS.submitted().plus(TIMINGS.starting()));
        startingSession = start("starting").sessionId();
    }

    @Test
    void the_new_operations_are_served_on_the_models_method_and_uri_only() {
        for (String operation : List.of("GetSessionEndpoint", "StartApplication")) {
            JsonNode route = operation(operation).get("http");
            String path = route.get("requestUri").asText()
                    .replace("{applicationId}", APP_ID).replace("{sessionId}", readySession);
            assertThat(route.get("responseCode").asInt()).isEqualTo(200);

            assertThat(call(route.get("method").asText(), path).statusCode()).as(operation).isEqualTo(200);
            for (String other : List.of("GET", "POST", "PUT", "DELETE")) {
                if (!other.equals(route.get("method").asText())) {
                    assertThat(call(other, path).errorType()).as(other + " " + path)
                            .isEqualTo("UnknownOperationException");
                }
            }
        }
    }

    @Test
    void get_session_endpoint_answers_exactly_the_models_members_within_their_constraints() {
        Answer answer = call("GET", endpointPath(APP_ID, readySession));

        JsonNode output = shape("GetSessionEndpointResponse");
        assertThat(fieldNames(answer.body())).containsExactlyInAnyOrderElementsOf(fieldNames(output.get("members")));
        assertThat(fieldNames(answer.body())).containsAll(texts(output.get("required")));
        assertThat(shape(output.get("members").get("authToken").get("shape").asText()).get("sensitive").asBoolean())
                .isTrue();
        for (String member : List.of("applicationId", "sessionId", "endpoint", "authToken")) {
            assertFitsStringShape(answer.body().get(member), output.get("members").get(member), member);
        }
        assertIsTimestamp(answer.body().get("authTokenExpiresAt"), output.get("members").get("authTokenExpiresAt"));
    }

    @Test
    void start_application_answers_the_models_empty_structure() {
        Answer answer = call("POST", "/applications/stoppedapp/start");

        assertThat(shape("StartApplicationResponse").get("members").size()).isZero();
        assertThat(answer.body().isObject()).isTrue();
        assertThat(answer.body().size()).isZero();
    }

    @Test
    void get_session_answers_only_session_members_with_the_usage_shapes_of_the_model() {
        clock.advance(java.time.Duration.ofMinutes(7));
        terminate(readySession);
        clock.advance(TIMINGS.terminating());
        JsonNode session = call("GET", "/applications/" + APP_ID + "/sessions/" + readySession).body().get("session");

        JsonNode members = shape("Session").get("members");
        assertThat(fieldNames(members)).containsAll(fieldNames(session));
        assertThat(fieldNames(session)).containsAll(texts(shape("Session").get("required")))
                .contains("startedAt", "endedAt", "idleSince", "totalExecutionDurationSeconds",
                        "totalResourceUtilization", "billedResourceUtilization");
        for (String timestamp : List.of("createdAt", "updatedAt", "startedAt", "endedAt", "idleSince")) {
            assertIsTimestamp(session.get(timestamp), members.get(timestamp));
        }
        assertThat(shape(members.get("totalExecutionDurationSeconds").get("shape").asText()).get("type").asText())
                .isEqualTo("long");
        assertThat(session.get("totalExecutionDurationSeconds").isIntegralNumber()).isTrue();
        for (String usage : List.of("totalResourceUtilization", "billedResourceUtilization")) {
            JsonNode usageShape = shape(members.get(usage).get("shape").asText());
            assertThat(fieldNames(session.get(usage))).as(usage)
                    .containsExactlyInAnyOrderElementsOf(fieldNames(usageShape.get("members")))
                    .containsExactlyInAnyOrder("vCPUHour", "memoryGBHour", "storageGBHour");
            usageShape.get("members").forEach(member ->
                    assertThat(shape(member.get("shape").asText()).get("type").asText()).isEqualTo("double"));
            session.get(usage).forEach(value -> assertThat(value.isNumber()).isTrue());
        }
        assertThat(members.get("totalResourceUtilization").get("shape").asText())
                .isEqualTo("TotalResourceUtilization");
        assertThat(members.get("billedResourceUtilization").get("shape").asText()).isEqualTo("ResourceUtilization");
        assertFitsStringShape(session.get("stateDetails"), members.get("stateDetails"), "stateDetails");
    }

    @Test
    void get_application_answers_only_application_members_in_the_models_enums() {
        call("POST", "/applications/stoppedapp/start");
        for (String applicationId : List.of(APP_ID, "stoppedapp", "goneapp")) {
            JsonNode application = call("GET", "/applications/" + applicationId).body().get("application");

            JsonNode shape = shape("Application");
            assertThat(fieldNames(shape.get("members"))).containsAll(fieldNames(application));
            assertThat(fieldNames(application)).containsAll(texts(shape.get("required")))
                    .contains("autoStartConfiguration", "interactiveConfiguration");
            assertThat(texts(shape("ApplicationState").get("enum"))).contains(application.get("state").asText());
            assertThat(fieldNames(shape("AutoStartConfig").get("members")))
                    .containsAll(fieldNames(application.get("autoStartConfiguration")));
            assertThat(fieldNames(shape("InteractiveConfiguration").get("members")))
                    .containsAll(fieldNames(application.get("interactiveConfiguration")))
                    .contains("sessionEnabled");
            assertFitsStringShape(application.get("releaseLabel"), shape.get("members").get("releaseLabel"),
                    "releaseLabel");
        }
    }

    @Test
    void every_refusal_of_the_new_operations_is_an_error_the_model_lists_with_its_status() {
        terminate(readySession);
        List<String> endpointRefusals = List.of(
                endpointPath(APP_ID, startingSession),
                endpointPath(APP_ID, readySession),
                endpointPath(APP_ID, "00nosuchsession"),
                endpointPath("00nosuchapp", readySession),
                endpointPath("BAD", "bad!"),
                endpointPath("a".repeat(65), "s".repeat(65)));
        List<String> seen = new ArrayList<>();
        for (String path : endpointRefusals) {
            seen.add(assertModelledError("GetSessionEndpoint", call("GET", path)));
        }
        for (String applicationId : List.of("goneapp", "00nosuchapp", "Bad", "a".repeat(65))) {
            seen.add(assertModelledError("StartApplication",
                    call("POST", "/applications/" + applicationId + "/start")));
        }

        assertThat(new HashSet<>(seen)).containsExactlyInAnyOrder("ValidationException", "ResourceNotFoundException");
    }

    @Test
    void ids_are_held_to_the_models_bounds() {
        JsonNode sessionId = shape("SessionId");
        JsonNode applicationId = shape("ApplicationId");
        String longestSession = "s".repeat(sessionId.get("max").asInt());
        String longestApplication = "a".repeat(applicationId.get("max").asInt());

        assertThat(call("GET", endpointPath(APP_ID, longestSession)).errorType())
                .isEqualTo("ResourceNotFoundException");
        assertThat(call("GET", endpointPath(APP_ID, longestSession + "s")).errorType())
                .isEqualTo("ValidationException");
        assertThat(call("POST", "/applications/" + longestApplication + "/start").errorType())
                .isEqualTo("ResourceNotFoundException");
        assertThat(call("POST", "/applications/" + longestApplication + "a/start").errorType())
                .isEqualTo("ValidationException");
        assertThat(Pattern.compile("^" + sessionId.get("pattern").asText() + "$").matcher("Upper").matches())
                .isFalse();
        assertThat(call("GET", endpointPath(APP_ID, "Upper")).errorType()).isEqualTo("ValidationException");
    }

    /** The error's type is in the operation's errors, answered with that shape's status and only its members. */
    private String assertModelledError(String operation, Answer answer) {
        String type = answer.errorType();
        assertThat(texts(operation(operation).get("errors"), "shape")).as(operation + ": " + type).contains(type);
        JsonNode errorShape = shape(type);
        assertThat(answer.statusCode()).as(type).isEqualTo(errorShape.get("error").get("httpStatusCode").asInt());
        assertThat(fieldNames(errorShape.get("members"))).containsAll(fieldNames(answer.body()));
        assertFitsStringShape(answer.body().get("message"), errorShape.get("members").get("message"), "message");
        return type;
    }

    private void assertFitsStringShape(JsonNode value, JsonNode member, String name) {
        JsonNode shape = shape(member.get("shape").asText());
        assertThat(shape.get("type").asText()).as(name).isEqualTo("string");
        assertThat(value.isTextual()).as(name).isTrue();
        int length = value.asText().codePointCount(0, value.asText().length());
        if (shape.has("min")) {
            assertThat(length).as(name).isGreaterThanOrEqualTo(shape.get("min").asInt());
        }
        if (shape.has("max")) {
            assertThat(length).as(name).isLessThanOrEqualTo(shape.get("max").asInt());
        }
        if (shape.has("pattern")) {
            assertThat(value.asText()).as(name).matches("^(?:" + shape.get("pattern").asText() + ")$");
        }
    }

    /** A Date without a timestampFormat: epoch seconds as a JSON number in rest-json bodies. */
    private void assertIsTimestamp(JsonNode value, JsonNode member) {
        JsonNode shape = shape(member.get("shape").asText());
        assertThat(shape.get("type").asText()).isEqualTo("timestamp");
        assertThat(shape.has("timestampFormat")).isFalse();
        assertThat(value.isNumber()).as(member.toString()).isTrue();
    }

    private JsonNode operation(String name) {
        JsonNode operation = model.get("operations").get(name);
        assertThat(operation).as("operation " + name + " in the model").isNotNull();
        return operation;
    }

    private JsonNode shape(String name) {
        JsonNode shape = model.get("shapes").get(name);
        assertThat(shape).as("shape " + name + " in the model").isNotNull();
        return shape;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.get(field).asText()));
        return texts;
    }

    private static String endpointPath(String applicationId, String sessionId) {
        return "/applications/" + applicationId + "/sessions/" + sessionId + "/endpoint";
    }

    private void terminate(String sessionId) {
        client.terminateSession(r -> r.applicationId(APP_ID).sessionId(sessionId));
    }

    private record Answer(int statusCode, String errorType, JsonNode body) {
    }

    private Answer call(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + path))
                .header("Authorization", AUTHORIZATION)
                .header("Content-Type", "application/json")
                .method(method, method.equals("POST") || method.equals("PUT")
                        ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("x-amzn-ErrorType").orElse(null),
                    json.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

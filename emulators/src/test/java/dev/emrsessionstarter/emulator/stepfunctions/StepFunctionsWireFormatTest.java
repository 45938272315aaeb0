package dev.emrsessionstarter.emulator.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON 1.0 bytes on the wire, checked with a plain HTTP client. */
class StepFunctionsWireFormatTest {

    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEMULATOR/20260301/us-east-1/"
            + "states/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private StepFunctionsEmulator emulator;

    @BeforeEach
    void start() {
        emulator = StepFunctionsEmulator.builder().build().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void success_is_an_empty_json_object() throws Exception {
        String token = emulator.issueTaskToken();

        HttpResponse<String> response = send("AWSStepFunctions.SendTaskHeartbeat", AUTHORIZATION,
                json.createObjectNode().put("taskToken", token).toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.0");
        assertThat(json.readTree(response.body())).isEqualTo(json.createObjectNode());
    }

    @Test
    void service_errors_carry_the_service_namespace_in_type() throws Exception {
        HttpResponse<String> response = send("AWSStepFunctions.SendTaskHeartbeat", AUTHORIZATION,
                "{\"taskToken\":\"FakeTaskToken\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("__type").asText()).isEqualTo("com.amazonaws.swf.service.v2.model#InvalidToken");
        assertThat(body.get("message").asText()).isEqualTo("Invalid Token: 'Invalid token'");
    }

    @Test
    void a_missing_output_is_a_validation_exception_worded_as_aws_words_it() throws Exception {
        String token = emulator.issueTaskToken();

        HttpResponse<String> response = send("AWSStepFunctions.SendTaskSuccess", AUTHORIZATION,
                json.createObjectNode().put("taskToken", token).put("fake", "\"x\"").toString());
        HttpResponse<String> noToken = send("AWSStepFunctions.SendTaskFailure", AUTHORIZATION, "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("__type").asText()).isEqualTo("com.amazon.coral.validate#ValidationException");
        assertThat(body.get("message").asText()).isEqualTo(
                "1 validation error detected: Value at 'output' failed to satisfy constraint: Member must not be null");
        assertThat(json.readTree(noToken.body()).get("message").asText()).isEqualTo("1 validation error detected: "
                + "Value null at 'taskToken' failed to satisfy constraint: Member must not be null");
        assertThat(emulator.task(token).state()).isEqualTo(TaskState.WAITING);
    }

    @Test
    void a_body_that_is_not_json_or_a_member_of_the_wrong_type_is_a_serialization_exception() throws Exception {
        HttpResponse<String> notJson = send("AWSStepFunctions.SendTaskHeartbeat", AUTHORIZATION, "{nope");
        HttpResponse<String> wrongType = send("AWSStepFunctions.SendTaskHeartbeat", AUTHORIZATION,
                "{\"taskToken\":42}");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notJson.body()).get("__type").asText()).isEqualTo("SerializationException");
        assertThat(json.readTree(wrongType.body()).get("__type").asText()).isEqualTo("SerializationException");
        assertThat(emulator.calls()).hasSize(2);
    }

    @Test
    void unsigned_or_wrongly_scoped_requests_are_forbidden() throws Exception {
        String token = emulator.issueTaskToken();
        String body = json.createObjectNode().put("taskToken", token).put("output", "{}").toString();

        HttpResponse<String> unsigned = send("AWSStepFunctions.SendTaskSuccess", null, body);
        HttpResponse<String> forEvents = send("AWSStepFunctions.SendTaskSuccess",
                AUTHORIZATION.replace("/states/", "/events/"), body);
        HttpResponse<String> otherRegion = send("AWSStepFunctions.SendTaskSuccess",
                AUTHORIZATION.replace("/us-east-1/", "/eu-west-1/"), body);

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        assertThat(forEvents.statusCode()).isEqualTo(403);
        assertThat(json.readTree(forEvents.body()).get("message").asText()).contains("'states'");
        assertThat(otherRegion.statusCode()).isEqualTo(403);
        assertThat(emulator.task(token).state()).isEqualTo(TaskState.WAITING);
    }

    @Test
    void another_target_is_an_unknown_operation() throws Exception {
        HttpResponse<String> response = send("AWSStepFunctions.StartExecution", AUTHORIZATION, "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
        assertThat(emulator.calls()).isEmpty();
    }

    private HttpResponse<String> send(String target, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(emulator.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

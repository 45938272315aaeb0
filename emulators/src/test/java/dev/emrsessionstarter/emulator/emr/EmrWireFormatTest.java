package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The bytes on the wire, checked with a plain HTTP client rather than the SDK. */
class EmrWireFormatTest extends EmrEmulatorTestBase {

    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEMULATOR/20260301/us-east-1/"
            + "emr-serverless/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void an_error_has_its_status_type_header_request_id_and_message_body() throws Exception {
        HttpResponse<String> response = post("/applications/" + APP_ID + "/sessions",
                "{\"clientToken\":\"t1\",\"executionRoleArn\":\"" + ROLE + "\",\"name\":\"  \"}", AUTHORIZATION);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ValidationException");
        assertThat(response.headers().firstValue("x-amzn-RequestId"))
                .hasValueSatisfying(id -> assertThat(id).isNotBlank());
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("message");
        assertThat(body.get("message").asText())
                .isEqualTo("1 validation error detected: Value at 'name' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: ^.*\\S.*$");
    }

    @Test
    void a_missing_client_token_is_named() throws Exception {
        HttpResponse<String> response = post("/applications/" + APP_ID + "/sessions",
                "{\"executionRoleArn\":\"" + ROLE + "\",\"someFutureMember\":1}", AUTHORIZATION);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("message").asText())
                .contains("Value null at 'clientToken' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void success_carries_timestamps_as_epoch_second_numbers() throws Exception {
        HttpResponse<String> started = post("/applications/" + APP_ID + "/sessions",
                "{\"clientToken\":\"t1\",\"executionRoleArn\":\"" + ROLE + "\"}", AUTHORIZATION);
        String sessionId = json.readTree(started.body()).get("sessionId").asText();

        HttpResponse<String> response = get("/applications/" + APP_ID + "/sessions/" + sessionId);

        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode session = json.readTree(response.body()).get("session");
        assertThat(session.get("createdAt").isNumber()).isTrue();
        assertThat(session.get("createdAt").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(session.get("updatedAt").isNumber()).isTrue();
        assertThat(response.body()).contains("\"createdAt\":" + clock.instant().getEpochSecond());
    }

    @Test
    void malformed_json_is_a_serialization_exception() throws Exception {
        HttpResponse<String> response = post("/applications/" + APP_ID + "/sessions", "{not json", AUTHORIZATION);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("SerializationException");
    }

    @Test
    void a_wrong_json_type_is_a_serialization_exception() throws Exception {
        HttpResponse<String> response = post("/applications/" + APP_ID + "/sessions",
                "{\"clientToken\":\"t1\",\"executionRoleArn\":\"" + ROLE + "\",\"idleTimeoutMinutes\":\"60\"}",
                AUTHORIZATION);

        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("SerializationException");
    }

    @Test
    void unsigned_or_wrongly_scoped_requests_are_forbidden() throws Exception {
        HttpResponse<String> unsigned = post("/applications/" + APP_ID + "/sessions", "{}", null);
        HttpResponse<String> wrongService = post("/applications/" + APP_ID + "/sessions", "{}",
                AUTHORIZATION.replace("emr-serverless", "emrserverless"));
        HttpResponse<String> wrongRegion = post("/applications/" + APP_ID + "/sessions", "{}",
                AUTHORIZATION.replace("us-east-1", "eu-west-1"));

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        assertThat(wrongService.statusCode()).isEqualTo(403);
        assertThat(wrongService.body()).contains("emr-serverless");
        assertThat(wrongRegion.statusCode()).isEqualTo(403);
        assertThat(emulator.sessionsCreated()).isZero();
    }

    @Test
    void an_unknown_path_is_an_unknown_operation() throws Exception {
        HttpResponse<String> response = get("/applications/" + APP_ID + "/jobruns");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
    }

    private HttpResponse<String> post(String path, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", AUTHORIZATION).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return emulator.endpoint().resolve(path);
    }
}

package dev.emrsessionstarter.emulator.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON 1.1 bytes on the wire, checked with a plain HTTP client. */
class EventBridgeWireFormatTest {

    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEMULATOR/20260301/us-east-1/"
            + "events/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private EventBridgeEmulator emulator;

    @BeforeEach
    void start() {
        emulator = EventBridgeEmulator.builder().build().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void success_is_a_count_and_one_result_per_entry() throws Exception {
        HttpResponse<String> response = send("AWSEvents.PutEvents", """
                {"Entries":[{"Source":"s","DetailType":"d","Detail":"{}"},{"Source":"s","DetailType":"d"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("FailedEntryCount").asInt()).isEqualTo(1);
        assertThat(body.get("Entries").get(0).get("EventId").asText()).matches("[0-9a-f-]{36}");
        assertThat(body.get("Entries").get(1).get("ErrorCode").asText()).isEqualTo("InvalidArgument");
        assertThat(body.get("Entries").get(1).has("ErrorMessage")).isTrue();
    }

    @Test
    void errors_carry_the_type_in_header_and_body() throws Exception {
        HttpResponse<String> response = send("AWSEvents.PutEvents", "{\"Entries\":[]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ValidationException");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("__type").asText()).isEqualTo("ValidationException");
        assertThat(body.get("message").asText()).startsWith("1 validation error detected: ");
    }

    @Test
    void another_target_is_an_unknown_operation() throws Exception {
        HttpResponse<String> response = send("AWSEvents.PutRule", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
        assertThat(emulator.putEventsCalls()).isZero();
    }

    private HttpResponse<String> send(String target, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(emulator.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

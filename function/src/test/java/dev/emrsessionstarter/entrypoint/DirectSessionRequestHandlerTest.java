package dev.emrsessionstarter.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.reading.ClientTokens;
import dev.emrsessionstarter.testing.CapturedOutput;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DirectSessionRequestHandlerTest {

    private final FunctionFixture function = FunctionFixture.start();
    private final DirectSessionRequestHandler handler = function.directHandler();

    @AfterEach
    void stop() {
        function.close();
    }

    @Test
    void returns_the_started_session() throws IOException {
        JsonNode response = invoke(Requests.valid().put("idempotencyKey", "sfn-exec-1/StartSession").toString(),
                LocalContext.fresh());

        assertThat(response.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("applicationId", "sessionId", "arn", "clientToken", "requestIdentity");
        assertThat(response.get("applicationId").textValue()).isEqualTo("00fkabc123xyz");
        assertThat(response.get("clientToken").textValue())
                .isEqualTo(ClientTokens.derive("sfn-exec-1/StartSession", "00fkabc123xyz"));
        assertThat(response.get("requestIdentity").textValue()).isEqualTo("sfn-exec-1/StartSession");
        assertThat(response.get("arn").textValue()).endsWith("/sessions/" + response.get("sessionId").textValue());
    }

    @Test
    void a_retried_task_with_the_same_key_gets_the_same_session() throws IOException {
        String payload = Requests.valid().put("idempotencyKey", "exec-1/StartSession").toString();
        JsonNode first = invoke(payload, new LocalContext("request-1", Duration.ofSeconds(60)));
        JsonNode retry = invoke(payload, new LocalContext("request-2", Duration.ofSeconds(60)));

        assertThat(retry).isEqualTo(first);
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(1);
    }

    @Test
    void without_a_key_the_lambda_request_id_is_the_identity_and_a_warning_says_so() {
        CapturedOutput.Result<JsonNode> result = CapturedOutput.during(() -> invokeUnchecked(
                Requests.valid().toString(), new LocalContext("lambda-request-7", Duration.ofSeconds(60))));

        assertThat(result.value().get("requestIdentity").textValue()).isEqualTo("lambda-request-7");
        assertThat(result.output().logLines()).anySatisfy(line -> {
            assertThat(line.get("level").textValue()).isEqualTo("WARN");
            assertThat(line.get("message").textValue()).contains("has no idempotencyKey");
            assertThat(line.get("requestIdentity").textValue()).isEqualTo("lambda-request-7");
        });
    }

    @Test
    void an_invalid_request_throws_naming_every_violation() {
        assertThatThrownBy(() -> invoke(Requests.invalid().toString(), LocalContext.fresh()))
                .isInstanceOf(InvalidSessionRequestException.class)
                .hasMessageStartingWith("InvalidSessionRequest: The request is invalid (3 problems): ")
                .hasMessageContaining("applicationId: must match ^[0-9a-z]+$")
                .hasMessageContaining("idleTimeoutMinutes: must be between 0 and 1000000")
                .hasMessageContaining("\"idleTimeoutMinute\": is not a known field (did you mean idleTimeoutMinutes?)");
        assertThat(function.aws().emr().sessionsCreated()).isZero();
    }

    @Test
    void payloads_that_are_not_a_json_object_or_too_large_are_invalid() {
        String oversize = Requests.valid().put("name", "x".repeat(300_000)).toString();
        for (String payload : new String[] {"not json", "[1,2]", "\"text\"", "", oversize}) {
            assertThatThrownBy(() -> invoke(payload, LocalContext.fresh()))
                    .as(payload.length() > 40 ? "oversize" : payload)
                    .isInstanceOf(InvalidSessionRequestException.class);
        }
    }

    @Test
    void a_role_outside_the_allowlist_is_not_allowed() {
        assertThatThrownBy(() -> invoke(Requests.valid()
                .put("executionRoleArn", "arn:aws:iam::123456789012:role/Administrator").toString(), LocalContext.fresh()))
                .isInstanceOf(SessionRequestNotAllowedException.class)
                .hasMessageContaining("executionRoleArn: is not allowed by this deployment (ALLOWED_EXECUTION_ROLE_ARNS)");
        assertThat(function.aws().emr().startSessionRequestBodies()).isEmpty();
    }

    private JsonNode invokeUnchecked(String payload, LocalContext context) {
        try {
            return invoke(payload, context);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode invoke(String payload, LocalContext context) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), output, context);
        return Requests.JSON.readTree(output.toByteArray());
    }
}

package dev.emrsessionstarter.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.core.reading.ClientTokens;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBridgeSessionRequestHandlerTest {

    private final FunctionFixture function = FunctionFixture.start();
    private final EventBridgeSessionRequestHandler handler = function.eventBridgeHandler();

    @AfterEach
    void stop() {
        function.close();
    }

    @Test
    void the_detail_is_the_request_and_the_event_id_its_identity() {
        handler.handleRequest(StartSessionErrorOutcomesTest.ruleEvent(Requests.valid()), LocalContext.fresh());

        JsonNode detail = function.outcomeDetails().get(0);
        assertThat(detail.get("requestIdentity").textValue()).isEqualTo("event-1");
        assertThat(detail.get("trigger").textValue()).isEqualTo("eventbridge");
        assertThat(detail.get("clientToken").textValue()).isEqualTo(ClientTokens.derive("event-1", "00fkabc123xyz"));
        assertThat(detail.get("attempt").isNull()).isTrue();
        assertThat(detail.get("sessionId").textValue()).isNotBlank();
    }

    @Test
    void an_event_retried_by_lambda_reuses_its_token_and_starts_one_session() {
        function.aws().emr().faults(EmrOperation.START_SESSION).failNext(3, CallFault.FAIL_AFTER_COMMIT);
        ScheduledEvent event = StartSessionErrorOutcomesTest.ruleEvent(Requests.valid());

        Assertions.assertThatThrownBy(() -> handler.handleRequest(event, LocalContext.fresh()))
                .isInstanceOf(SessionStartRetryableException.class);
        handler.handleRequest(event, LocalContext.fresh());

        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(1);
        assertThat(function.aws().emr().startSessionRequestBodies()).hasSize(4)
                .allSatisfy(body -> assertThat(body).contains(ClientTokens.derive("event-1", "00fkabc123xyz")));
    }

    @Test
    void an_event_without_detail_is_rejected_without_a_retry() {
        ScheduledEvent event = StartSessionErrorOutcomesTest.ruleEvent(Requests.valid());
        event.setDetail(null);

        assertThat(handler.handleRequest(event, LocalContext.fresh())).isNull();
        JsonNode error = function.outcomeDetails().get(0).get("error");
        assertThat(error.get("code").textValue()).isEqualTo("InvalidSessionRequest");
        assertThat(error.get("message").textValue()).contains("the event carries no request (no detail)");
    }

    @Test
    void an_idempotency_key_in_the_detail_wins_over_the_event_id() {
        handler.handleRequest(StartSessionErrorOutcomesTest.ruleEvent(Requests.valid().put("idempotencyKey", "k")),
                LocalContext.fresh());
        assertThat(function.outcomeDetails().get(0).get("clientToken").textValue())
                .isEqualTo(ClientTokens.derive("k", "00fkabc123xyz"));
    }

    @Test
    void an_event_read_from_the_stream_as_lambda_sends_it_starts_the_same_session() throws IOException {
        byte[] event = Files.readAllBytes(Path.of("events", "eventbridge-event.json"));
        String id = new ObjectMapper().readTree(event).get("id").textValue();

        handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), LocalContext.fresh());

        JsonNode detail = function.outcomeDetails().get(0);
        assertThat(detail.get("requestIdentity").textValue()).isEqualTo(id);
        assertThat(detail.get("clientToken").textValue()).isEqualTo(ClientTokens.derive(id, "00fkabc123xyz"));
        assertThat(detail.get("sessionId").textValue()).isNotBlank();
    }

    @Test
    void a_streamed_event_whose_detail_nests_too_deep_is_rejected_not_retried() throws IOException {
        String detail = "[".repeat(5_000) + "]".repeat(5_000);
        String event = "{\"id\":\"deep-1\",\"detail-type\":\"x\",\"source\":\"x\",\"detail\":" + detail + "}";

        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), LocalContext.fresh());

        JsonNode error = function.outcomeDetails().get(0).get("error");
        assertThat(error.get("code").textValue()).isEqualTo("InvalidSessionRequest");
        assertThat(error.get("message").textValue()).contains("nests deeper than 64 levels");
    }

    @Test
    void a_streamed_event_without_detail_is_rejected_without_a_retry() throws IOException {
        handler.handleRequest(new ByteArrayInputStream("{\"id\":\"e-2\"}".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), LocalContext.fresh());

        assertThat(function.outcomeDetails().get(0).get("error").get("message").textValue())
                .contains("the event carries no request (no detail)");
    }
}

package dev.emrsessionstarter.entrypoint;

import static dev.emrsessionstarter.testing.SqsEvents.batch;
import static dev.emrsessionstarter.testing.SqsEvents.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and broken input through each handler, against the emulators: every such request is rejected with a
 * failure event naming the problem, without a StartSession call, an undocumented exception or unbounded work.
 */
class BadInputTest {

    private static final int MEBIBYTE = 1024 * 1024;

    private final FunctionFixture function = FunctionFixture.start();

    @AfterEach
    void stop() {
        function.close();
    }

    // --- SQS ------------------------------------------------------------------------------------------------------

    @Test
    void a_deeply_nested_body_is_rejected_at_the_parser_limit() {
        String body = "[".repeat(100_000) + "]".repeat(100_000);

        JsonNode error = rejectedOnSqs(body);

        assertThat(error.get("message").textValue()).contains("exceeds a parser limit");
    }

    @Test
    void a_huge_body_is_rejected_by_its_size_before_it_is_parsed() {
        String body = "{\"name\":\"" + "x".repeat(5 * MEBIBYTE) + "\"}";

        JsonNode error = rejectedOnSqs(body);

        assertThat(error.get("message").textValue()).contains("larger than this deployment's limit");
    }

    @Test
    void a_huge_array_within_the_size_limit_is_reported_with_a_bounded_list_of_violations() {
        ObjectNode request = Requests.valid();
        var configurations = ((ObjectNode) request.get("configurationOverrides")).putArray("runtimeConfiguration");
        for (int i = 0; i < 20_000; i++) {
            configurations.addObject();
        }

        JsonNode error = rejectedOnSqs(request.toString());

        assertThat(error.get("violationCount").intValue()).isEqualTo(20_001);
        assertThat(error.get("violations")).hasSize(100);
        assertThat(function.outcomeEvents().get(0).detail().toString()).hasSizeLessThan(64 * 1024);
    }

    @Test
    void values_of_the_wrong_type_are_each_named() {
        ObjectNode request = Requests.valid();
        request.put("applicationId", 7);
        request.putArray("tags").add("team");
        request.put("idleTimeoutMinutes", "60");
        request.putObject("name");

        JsonNode error = rejectedOnSqs(request.toString());

        assertThat(error.get("violations")).extracting(violation -> violation.get("field").textValue())
                .containsExactlyInAnyOrder("applicationId", "tags", "idleTimeoutMinutes", "name");
    }

    @Test
    void a_key_given_twice_is_rejected_whichever_value_would_win() {
        String body = "{\"executionRoleArn\":\"arn:aws:iam::123456789012:role/EmrSessionRole\","
                + Requests.valid().put("executionRoleArn", "arn:aws:iam::999999999999:role/Admin").toString()
                .substring(1);

        JsonNode error = rejectedOnSqs(body);

        assertThat(error.get("message").textValue()).contains("\"executionRoleArn\" twice");
    }

    @Test
    void a_body_that_is_not_json_is_rejected_without_quoting_it() {
        JsonNode error = rejectedOnSqs("secret=" + Requests.PLANTED_SECRET + " is not JSON");

        assertThat(error.get("message").textValue()).contains("not valid JSON").doesNotContain("secret");
    }

    @Test
    void lone_surrogates_in_keys_and_values_are_rejected_and_the_event_still_goes_out() {
        String body = Requests.valid().toString().replace("{\"applicationId\"",
                "{\"\\ud800\":1,\"correlationId\":\"\\udc00\",\"applicationId\"");

        JsonNode error = rejectedOnSqs(body);

        assertThat(error.get("violations")).extracting(violation -> violation.get("field").textValue())
                .containsExactlyInAnyOrder("\"\\ud800\"", "correlationId");
    }

    @Test
    void a_queued_envelope_whose_id_is_not_valid_unicode_still_gets_its_outcome_event_out() {
        String body = "{\"version\":\"0\",\"id\":\"\\ud800event\",\"detail-type\":\"t\",\"source\":\"s\","
                + "\"detail\":" + Requests.valid() + "}";

        SQSBatchResponse response = function.sqsHandler().handleRequest(batch(message("m-1", body)),
                LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(function.outcomeEvents()).hasSize(1);
        assertThat(function.outcomeDetails().get(0).get("requestIdentity").textValue()).isEqualTo("\ud800event");
    }

    @Test
    void an_empty_or_absent_batch_is_answered_with_no_failures() {
        SqsSessionRequestHandler handler = function.sqsHandler();
        SQSEvent nullRecords = new SQSEvent();
        List<SQSEvent.SQSMessage> onlyNull = new ArrayList<>();
        onlyNull.add(null);

        for (SQSEvent event : new SQSEvent[] {batch(List.of()), nullRecords, batch(onlyNull), null}) {
            SQSBatchResponse response = handler.handleRequest(event, LocalContext.fresh());
            assertThat(response.getBatchItemFailures()).isEmpty();
        }
        assertThat(function.outcomeEvents()).isEmpty();
        assertThat(function.aws().emr().requestCount(EmrOperation.START_SESSION)).isZero();
    }

    @Test
    void a_record_without_a_body_is_rejected_alone() {
        SQSEvent.SQSMessage noBody = message("m-empty", null);
        SQSBatchResponse response = function.sqsHandler().handleRequest(
                batch(noBody, message("m-good", Requests.valid().toString())), LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(1);
        assertThat(detailFor("m-empty").get("error").get("message").textValue()).contains("body is missing");
    }

    // --- EventBridge ----------------------------------------------------------------------------------------------

    @Test
    void an_eventbridge_event_without_detail_is_rejected_and_returns_normally() {
        ScheduledEvent event = StartSessionErrorOutcomesTest.ruleEvent(Requests.valid());
        event.setDetail(null);

        function.eventBridgeHandler().handleRequest(event, LocalContext.fresh());

        assertThat(detailFor("event-1").get("error").get("message").textValue()).contains("no detail");
        assertThat(function.aws().emr().requestCount(EmrOperation.START_SESSION)).isZero();
    }

    /**
     * The Lambda runtime's deserializer sets no nesting limit, and EventBridge allows about a thousand levels: a detail
     * that deep must be refused like a queued body that deep, not make the handler throw or overflow its stack.
     */
    @ParameterizedTest
    @ValueSource(ints = {65, 1_000, 5_000})
    void an_eventbridge_detail_nested_deeper_than_a_body_may_is_rejected_and_returns_normally(int levels) {
        ScheduledEvent event = StartSessionErrorOutcomesTest.ruleEvent(Requests.valid());
        Map<String, Object> detail = new HashMap<>();
        for (int level = 1; level < levels; level++) {
            Map<String, Object> outer = new HashMap<>();
            outer.put("tags", detail);
            detail = outer;
        }
        event.setDetail(detail);

        function.eventBridgeHandler().handleRequest(event, LocalContext.fresh());

        JsonNode error = detailFor("event-1").get("error");
        assertThat(error.get("code").textValue()).isEqualTo("InvalidSessionRequest");
        assertThat(error.get("message").textValue()).contains("nests deeper than 64 levels");
        assertThat(function.aws().emr().requestCount(EmrOperation.START_SESSION)).isZero();
    }

    @Test
    void an_eventbridge_detail_with_a_huge_string_is_rejected_by_its_size() {
        ScheduledEvent event = StartSessionErrorOutcomesTest.ruleEvent(Requests.valid());
        event.getDetail().put("name", "x".repeat(5 * MEBIBYTE));

        function.eventBridgeHandler().handleRequest(event, LocalContext.fresh());

        assertThat(detailFor("event-1").get("error").get("message").textValue())
                .contains("larger than this deployment's limit");
    }

    // --- direct ---------------------------------------------------------------------------------------------------

    @Test
    void a_direct_payload_that_is_not_utf8_is_an_invalid_request() {
        byte[] payload = {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThatThrownBy(() -> invokeDirect(new ByteArrayInputStream(payload)))
                .isInstanceOf(InvalidSessionRequestException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void an_endless_direct_payload_is_read_only_up_to_the_limit() {
        // Far more than any heap could hold, if it were read whole.
        InputStream endless = new InputStream() {
            private long served;

            @Override
            public int read() {
                return ++served <= 1L << 40 ? ' ' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) ' ');
                served += length;
                return length;
            }
        };

        assertThatThrownBy(() -> invokeDirect(endless)).isInstanceOf(InvalidSessionRequestException.class)
                .hasMessageContaining("larger than this deployment's limit");
    }

    @Test
    void an_empty_or_deeply_nested_direct_payload_is_an_invalid_request() {
        for (String payload : new String[] {"", "   ", "[".repeat(10_000), "null", "\"text\""}) {
            assertThatThrownBy(() -> invokeDirect(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8))))
                    .as(payload.length() > 20 ? payload.substring(0, 20) + "..." : payload)
                    .isInstanceOf(InvalidSessionRequestException.class);
        }
        assertThat(function.aws().emr().requestCount(EmrOperation.START_SESSION)).isZero();
    }

    private void invokeDirect(InputStream payload) throws Exception {
        function.directHandler().handleRequest(payload, new ByteArrayOutputStream(), LocalContext.fresh());
    }

    /** Sends the body alone on the SQS handler and returns its rejection's error, after checking the rejection. */
    private JsonNode rejectedOnSqs(String body) {
        SQSBatchResponse response = function.sqsHandler().handleRequest(batch(message("m-bad", body)),
                LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).as("a rejection is final").isEmpty();
        assertThat(function.aws().emr().requestCount(EmrOperation.START_SESSION)).isZero();
        JsonNode detail = detailFor("m-bad");
        assertThat(detail.get("final").booleanValue()).isTrue();
        assertThat(detail.get("error").get("code").textValue()).isEqualTo("InvalidSessionRequest");
        assertThat(detail.get("error").get("retryable").booleanValue()).isFalse();
        return detail.get("error");
    }

    private JsonNode detailFor(String identity) {
        return function.outcomeDetails().stream()
                .filter(detail -> identity.equals(detail.get("requestIdentity").textValue()))
                .findFirst().orElseThrow(() -> new AssertionError("no outcome event for " + identity));
    }
}

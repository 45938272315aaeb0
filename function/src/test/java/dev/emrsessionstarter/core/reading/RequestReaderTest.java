package dev.emrsessionstarter.core.reading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.core.reading.RequestIdentity.Source;
import dev.emrsessionstarter.testing.TestSettings;
import org.junit.jupiter.api.Test;

class RequestReaderTest {

    private static final String REQUEST = "{\"applicationId\":\"00fkabc123xyz\","
            + "\"executionRoleArn\":\"arn:aws:iam::123456789012:role/EmrSessionRole\"}";

    private final RequestReader reader = new RequestReader(new JsonBodies(65536),
            new RequestValidator(TestSettings.sample().build().requestPolicy()));

    @Test
    void an_sqs_message_is_identified_by_its_message_id() {
        ReadRequest read = reader.read(sqs("m-1", REQUEST));
        assertThat(read.isValid()).isTrue();
        assertThat(read.identity().value()).isEqualTo("m-1");
        assertThat(read.identity().source()).isEqualTo(Source.SQS_MESSAGE_ID);
        assertThat(read.clientToken()).isEqualTo(ClientTokens.derive("m-1", "00fkabc123xyz"));
        assertThat(read.correlationId()).isEqualTo("m-1");
    }

    @Test
    void an_idempotency_key_replaces_the_trigger_identity() {
        String body = REQUEST.replace("}", ",\"idempotencyKey\":\"nightly-2026-11-24\",\"correlationId\":\"c\"}");
        ReadRequest first = reader.read(sqs("m-1", body));
        ReadRequest resent = reader.read(sqs("m-2", body));
        assertThat(first.identity().source()).isEqualTo(Source.IDEMPOTENCY_KEY);
        assertThat(first.clientToken()).isEqualTo(resent.clientToken());
        assertThat(first.correlationId()).isEqualTo("c");
    }

    @Test
    void an_explicit_client_token_is_used_as_given() {
        ReadRequest read = reader.read(sqs("m-1", REQUEST.replace("}", ",\"clientToken\":\"my-token\"}")));
        assertThat(read.clientToken()).isEqualTo("my-token");
    }

    @Test
    void an_eventbridge_event_in_a_queue_is_identified_by_the_event_id() throws Exception {
        String envelope = new ObjectMapper().createObjectNode()
                .put("version", "0").put("id", "event-7").put("detail-type", "EMR Serverless Session Request")
                .put("source", "producer").set("detail", new ObjectMapper().readTree(REQUEST)).toString();
        ReadRequest viaQueue = reader.read(sqs("m-1", envelope));
        ReadRequest viaQueueAgain = reader.read(sqs("m-2", envelope));
        assertThat(viaQueue.isValid()).isTrue();
        assertThat(viaQueue.identity().value()).isEqualTo("event-7");
        assertThat(viaQueue.identity().source()).isEqualTo(Source.EVENTBRIDGE_EVENT_ID);
        assertThat(viaQueueAgain.clientToken()).isEqualTo(viaQueue.clientToken());
    }

    @Test
    void the_same_event_gives_the_same_token_through_a_queue_or_a_rule() throws Exception {
        String envelope = "{\"version\":\"0\",\"id\":\"event-7\",\"detail-type\":\"t\",\"source\":\"s\",\"detail\":"
                + REQUEST + "}";
        ReadRequest viaRule = reader.read(new Delivery(Trigger.EVENTBRIDGE, "event-7", Source.EVENTBRIDGE_EVENT_ID,
                null, null, false, new Delivery.Document(new ObjectMapper().readTree(REQUEST))));
        assertThat(reader.read(sqs("m-1", envelope)).clientToken()).isEqualTo(viaRule.clientToken());
    }

    @Test
    void an_sns_notification_is_identified_by_the_sns_message_id() throws Exception {
        String notification = new ObjectMapper().createObjectNode().put("Type", "Notification")
                .put("MessageId", "sns-42").put("TopicArn", "arn:aws:sns:us-east-1:123456789012:t")
                .put("Message", REQUEST).toString();
        ReadRequest read = reader.read(sqs("m-1", notification));
        assertThat(read.isValid()).isTrue();
        assertThat(read.identity().value()).isEqualTo("sns-42");
        assertThat(read.identity().source()).isEqualTo(Source.SNS_MESSAGE_ID);
    }

    @Test
    void an_sns_message_that_is_not_json_is_invalid() {
        String notification = "{\"Type\":\"Notification\",\"MessageId\":\"sns-1\",\"Message\":\"hello\"}";
        ReadRequest read = reader.read(sqs("m-1", notification));
        assertThat(read.isValid()).isFalse();
        assertThat(read.identity().value()).isEqualTo("sns-1");
        assertThat(read.violations()).extracting(Violation::rule).singleElement().asString()
                .startsWith("body is not valid JSON");
    }

    @Test
    void an_eventbridge_envelope_without_detail_is_invalid() {
        ReadRequest read = reader.read(sqs("m-1", "{\"id\":\"e\",\"detail-type\":\"t\",\"source\":\"s\"}"));
        assertThat(read.violations()).extracting(Violation::toString)
                .containsExactly("detail: the EventBridge event carries no detail");
    }

    @Test
    void an_eventbridge_rule_event_without_detail_is_invalid() {
        ReadRequest read = reader.read(new Delivery(Trigger.EVENTBRIDGE, "e-1", Source.EVENTBRIDGE_EVENT_ID, null,
                null, false, new Delivery.Document(null)));
        assertThat(read.isValid()).isFalse();
        assertThat(read.identity().value()).isEqualTo("e-1");
    }

    @Test
    void a_body_that_is_not_json_keeps_its_delivery_identity_and_has_no_token() {
        ReadRequest read = reader.read(sqs("m-9", "hello"));
        assertThat(read.isValid()).isFalse();
        assertThat(read.identity().value()).isEqualTo("m-9");
        assertThat(read.clientToken()).isNull();
    }

    @Test
    void a_delivery_without_any_identity_needs_an_idempotency_key() {
        ReadRequest read = reader.read(new Delivery(Trigger.DIRECT, null, Source.LAMBDA_REQUEST_ID, null, null, false,
                new Delivery.Text(REQUEST)));
        assertThat(read.isValid()).isFalse();
        assertThat(read.violations()).extracting(Violation::field).containsExactly("idempotencyKey");
    }

    private static Delivery sqs(String messageId, String body) {
        return new Delivery(Trigger.SQS, messageId, Source.SQS_MESSAGE_ID, null, 1, false, new Delivery.Text(body));
    }
}

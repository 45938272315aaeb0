package dev.emrsessionstarter.harness.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The JSON an event source mapping sends to the function and the JSON it reads back, converted with the Lambda
 * runtime's own serializers: the handler gets the {@link SQSEvent} the Java runtime would make of Lambda's payload,
 * and the response is read as Lambda reads the runtime's output.
 */
final class SqsEventWire {

    /** The system attributes Lambda copies into a record, in its order; FIFO ones only exist on FIFO queues. */
    private static final List<MessageSystemAttributeName> RECORD_ATTRIBUTES = List.of(
            MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
            MessageSystemAttributeName.SENT_TIMESTAMP,
            MessageSystemAttributeName.SEQUENCE_NUMBER,
            MessageSystemAttributeName.MESSAGE_GROUP_ID,
            MessageSystemAttributeName.SENDER_ID,
            MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID,
            MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP,
            MessageSystemAttributeName.AWS_TRACE_HEADER);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<SQSEvent> EVENTS =
            LambdaEventSerializers.serializerFor(SQSEvent.class, SqsEventWire.class.getClassLoader());
    private static final PojoSerializer<SQSBatchResponse> RESPONSES =
            JacksonFactory.getInstance().getSerializer(SQSBatchResponse.class);

    private SqsEventWire() {
    }

    /** Lambda's payload for a batch: {@code {"Records":[...]}}, one record per message, in the order received. */
    static ObjectNode payload(List<Message> messages, String queueArn, String region) {
        ObjectNode payload = JSON.createObjectNode();
        ArrayNode records = payload.putArray("Records");
        for (Message message : messages) {
            records.add(record(message, queueArn, region));
        }
        return payload;
    }

    /** The payload as the handler receives it, after the Java runtime's deserialization. */
    static SQSEvent toHandlerEvent(ObjectNode payload) {
        return EVENTS.fromJson(payload.toString());
    }

    /** The handler's return value as Lambda reads it (the runtime serializes it to JSON first); null stays null. */
    static JsonNode responseJson(SQSBatchResponse response) {
        if (response == null) {
            return JSON.nullNode();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RESPONSES.toJson(response, out);
        try {
            return JSON.readTree(out.toByteArray());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private static ObjectNode record(Message message, String queueArn, String region) {
        ObjectNode record = JSON.createObjectNode();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        ObjectNode attributes = record.putObject("attributes");
        Map<MessageSystemAttributeName, String> system = message.attributes();
        for (MessageSystemAttributeName name : RECORD_ATTRIBUTES) {
            if (system.containsKey(name)) {
                attributes.put(name.toString(), system.get(name));
            }
        }
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, messageAttribute(value)));
        record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
        record.put("md5OfBody", message.md5OfBody());
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", region);
        return record;
    }

    /** As Lambda writes one: both list members always present, binary values in base64. */
    private static ObjectNode messageAttribute(MessageAttributeValue value) {
        ObjectNode attribute = JSON.createObjectNode();
        if (value.stringValue() != null) {
            attribute.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            attribute.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        ArrayNode strings = attribute.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        ArrayNode binaries = attribute.putArray("binaryListValues");
        value.binaryListValues().forEach(binary -> binaries.add(Base64.getEncoder().encodeToString(
                binary.asByteArray())));
        attribute.put("dataType", value.dataType());
        return attribute;
    }
}

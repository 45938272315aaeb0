package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Lambda's SQS event and writes the partial batch response with the Jackson the function loads anyway. Left to
 * the runtime, a typed handler's event goes through the runtime's own POJO binding, which brings its own copy of
 * Jackson and loads about 850 classes at every cold start; the two queue entry points read their events as streams
 * instead. The field names are Lambda's, as the runtime's binding maps them (for example {@code eventSourceARN}).
 */
final class SqsEventJson {

    /** Not the request bodies' strict mapper: an event carries up to ten bodies, each with its own size limit. */
    private final ObjectMapper mapper = new ObjectMapper();

    /** The event's records; a missing or null {@code Records} is an empty batch, a record that is not an object null. */
    List<SQSEvent.SQSMessage> read(InputStream input) throws IOException {
        JsonNode root = mapper.readTree(input);
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        if (root != null && root.path("Records").isArray()) {
            for (JsonNode record : root.path("Records")) {
                records.add(record.isObject() ? message(record) : null);
            }
        }
        return records;
    }

    void write(SQSBatchResponse response, OutputStream output) throws IOException {
        try (JsonGenerator json = mapper.getFactory().createGenerator(output)) {
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                json.writeStartObject();
                json.writeStringField("itemIdentifier", failure.getItemIdentifier());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static SQSEvent.SQSMessage message(JsonNode record) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(text(record, "messageId"));
        message.setReceiptHandle(text(record, "receiptHandle"));
        message.setBody(text(record, "body"));
        message.setMd5OfBody(text(record, "md5OfBody"));
        message.setMd5OfMessageAttributes(text(record, "md5OfMessageAttributes"));
        message.setEventSource(text(record, "eventSource"));
        message.setEventSourceArn(text(record, "eventSourceARN"));
        message.setAwsRegion(text(record, "awsRegion"));
        message.setAttributes(attributes(record.path("attributes")));
        message.setMessageAttributes(messageAttributes(record.path("messageAttributes")));
        return message;
    }

    private static Map<String, String> attributes(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> attributes.put(field.getKey(), text(field.getValue())));
        return attributes;
    }

    private static Map<String, SQSEvent.MessageAttribute> messageAttributes(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(text(value, "dataType"));
            attribute.setStringValue(text(value, "stringValue"));
            String binary = text(value, "binaryValue");
            attribute.setBinaryValue(binary == null ? null : ByteBuffer.wrap(Base64.getDecoder().decode(binary)));
            attribute.setStringListValues(texts(value.path("stringListValues")));
            List<String> binaries = texts(value.path("binaryListValues"));
            attribute.setBinaryListValues(binaries == null ? null
                    : binaries.stream().map(item -> ByteBuffer.wrap(Base64.getDecoder().decode(item))).toList());
            attributes.put(field.getKey(), attribute);
        });
        return attributes;
    }

    private static String text(JsonNode parent, String field) {
        return text(parent.path(field));
    }

    /** A value as the runtime's binding reads it into a String field: scalars as their text, null when absent. */
    private static String text(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static List<String> texts(JsonNode node) {
        if (!node.isArray()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        node.forEach(item -> texts.add(text(item)));
        return texts;
    }
}

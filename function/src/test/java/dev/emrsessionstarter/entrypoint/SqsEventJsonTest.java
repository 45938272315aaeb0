package dev.emrsessionstarter.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The queue entry points read their events themselves: what they read must be what the runtime's own POJO binding
 * would have handed a typed handler, field for field, and the response must be the JSON Lambda expects.
 */
class SqsEventJsonTest {

    /** Every field Lambda sets, message attributes of every kind, and values the binding converts. */
    private static final String EVERY_FIELD = """
            {"Records":[{"messageId":"m-1","receiptHandle":"rh","body":"{\\"a\\":1}","md5OfBody":"md5",
            "md5OfMessageAttributes":"md5a","eventSource":"aws:sqs",
            "eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:q","awsRegion":"us-east-1",
            "attributes":{"ApproximateReceiveCount":"3","MessageGroupId":"g","SentTimestamp":"1795543203000"},
            "messageAttributes":{
              "text":{"stringValue":"hello","stringListValues":[],"binaryListValues":[],"dataType":"String"},
              "number":{"stringValue":"42","dataType":"Number"},
              "bytes":{"binaryValue":"AAECAw==","dataType":"Binary"},
              "lists":{"stringListValues":["x","y"],"binaryListValues":["AQI="],"dataType":"String"}}},
            {"messageId":"m-2","body":"plain text","attributes":{},"messageAttributes":{}},
            {"messageId":"m-3","body":null,"unknownField":{"nested":true}}]}
            """;

    private final SqsEventJson json = new SqsEventJson();

    @ParameterizedTest
    @ValueSource(strings = {"sqs-batch.json", "sqs-fifo-batch.json", "sqs-invalid-request.json",
            "sqs-mixed-batch.json", "sqs-non-json-body.json", "sqs-task-token.json", "watch-queue-check.json"})
    void reads_each_sample_event_as_the_runtime_binding_does(String sample) throws IOException {
        String event = Files.readString(Path.of("events", sample));

        assertThat(json.read(stream(event))).isEqualTo(runtimeBinding(event).getRecords());
    }

    @Test
    void reads_every_field_and_message_attribute_as_the_runtime_binding_does() throws IOException {
        List<SQSEvent.SQSMessage> read = json.read(stream(EVERY_FIELD));

        assertThat(read).isEqualTo(runtimeBinding(EVERY_FIELD).getRecords());
        assertThat(read.get(0).getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:q");
        assertThat(read.get(0).getMessageAttributes().get("bytes").getBinaryValue().array())
                .containsExactly(0, 1, 2, 3);
        assertThat(read.get(2).getBody()).isNull();
    }

    @Test
    void reads_an_event_without_records_as_an_empty_batch() throws IOException {
        assertThat(json.read(stream("{}"))).isEmpty();
        assertThat(json.read(stream("{\"Records\":null}"))).isEmpty();
        assertThat(json.read(stream(""))).isEmpty();
    }

    @Test
    void reads_a_record_that_is_not_an_object_as_null() throws IOException {
        assertThat(json.read(stream("{\"Records\":[null,7,{\"messageId\":\"m\"}]}")))
                .hasSize(3).satisfies(records -> {
                    assertThat(records.get(0)).isNull();
                    assertThat(records.get(1)).isNull();
                    assertThat(records.get(2).getMessageId()).isEqualTo("m");
                });
    }

    @Test
    void refuses_an_event_that_is_not_json() {
        assertThatThrownBy(() -> json.read(stream("{\"Records\":[")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void writes_the_partial_batch_response_lambda_expects() throws IOException {
        assertThat(written(new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("m-1"),
                new SQSBatchResponse.BatchItemFailure("m-\"2\"")))))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-1\"},{\"itemIdentifier\":\"m-\\\"2\\\"\"}]}");
        assertThat(written(new SQSBatchResponse(List.of()))).isEqualTo("{\"batchItemFailures\":[]}");
    }

    private String written(SQSBatchResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.write(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static SQSEvent runtimeBinding(String event) {
        return LambdaEventSerializers.serializerFor(SQSEvent.class, SqsEventJsonTest.class.getClassLoader())
                .fromJson(event);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}

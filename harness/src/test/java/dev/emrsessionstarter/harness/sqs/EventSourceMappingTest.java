package dev.emrsessionstarter.harness.sqs;

import dev.emrsessionstarter.testing.QueueSettings;
import dev.emrsessionstarter.testing.LocalSqs;
import dev.emrsessionstarter.testing.SqsQueue;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** The harness must behave like Lambda's SQS event source mapping; these pin down each rule it plays. */
class EventSourceMappingTest {

    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static LocalSqs sqs;

    @BeforeAll
    static void startSqs() {
        sqs = LocalSqs.start();
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
    }

    private static SqsQueue standardQueue(int maxReceiveCount) {
        return sqs.createQueue(QueueSettings.standard("q" + QUEUES.incrementAndGet()).maxReceiveCount(maxReceiveCount));
    }

    private static SqsQueue fifoQueue() {
        return sqs.createQueue(QueueSettings.fifo("q" + QUEUES.incrementAndGet()).maxReceiveCount(3));
    }

    private static EventSourceMapping mapping(SqsQueue queue) {
        return EventSourceMapping.builder(queue).build();
    }

    @Test
    void records_are_built_the_way_lambda_builds_them() throws Exception {
        SqsQueue queue = standardQueue(3);
        String messageId = queue.send(SendMessageRequest.builder().messageBody("{\"hello\":1}").messageAttributes(Map.of(
                "team", MessageAttributeValue.builder().dataType("String").stringValue("analytics").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromUtf8String("bytes")).build())));
        Recording function = new Recording(event -> null);

        mapping(queue).pollOnce(function);

        SQSEvent.SQSMessage record = function.only();
        assertThat(record.getMessageId()).isEqualTo(messageId);
        assertThat(record.getReceiptHandle()).isNotBlank();
        assertThat(record.getBody()).isEqualTo("{\"hello\":1}");
        assertThat(record.getMd5OfBody()).isEqualTo(md5("{\"hello\":1}"));
        assertThat(record.getMd5OfMessageAttributes()).isNotBlank();
        assertThat(record.getEventSource()).isEqualTo("aws:sqs");
        assertThat(record.getEventSourceArn()).isEqualTo(queue.arn()).isEqualTo(
                "arn:aws:sqs:us-east-1:123456789012:" + queue.arn().substring(queue.arn().lastIndexOf(':') + 1));
        assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(record.getAttributes()).containsEntry("ApproximateReceiveCount", "1")
                .containsKeys("SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp")
                .doesNotContainKeys("MessageGroupId", "MessageDeduplicationId", "SequenceNumber");
        assertThat(Long.parseLong(record.getAttributes().get("SentTimestamp"))).isPositive();
        assertThat(Long.parseLong(record.getAttributes().get("ApproximateFirstReceiveTimestamp")))
                .isGreaterThanOrEqualTo(Long.parseLong(record.getAttributes().get("SentTimestamp")));
        SQSEvent.MessageAttribute team = record.getMessageAttributes().get("team");
        assertThat(team.getDataType()).isEqualTo("String");
        assertThat(team.getStringValue()).isEqualTo("analytics");
        assertThat(team.getStringListValues()).isEmpty();
        assertThat(team.getBinaryListValues()).isEmpty();
        SQSEvent.MessageAttribute blob = record.getMessageAttributes().get("blob");
        assertThat(blob.getDataType()).isEqualTo("Binary");
        assertThat(StandardCharsets.UTF_8.decode(blob.getBinaryValue()).toString()).isEqualTo("bytes");
    }

    @Test
    void fifo_records_carry_their_group_deduplication_id_and_sequence_number() {
        SqsQueue queue = fifoQueue();
        queue.sendToGroup("first", "group-a", "dedup-1");
        Recording function = new Recording(event -> null);

        mapping(queue).pollOnce(function);

        SQSEvent.SQSMessage record = function.only();
        assertThat(record.getEventSourceArn()).endsWith(".fifo");
        assertThat(record.getAttributes()).containsEntry("MessageGroupId", "group-a")
                .containsEntry("MessageDeduplicationId", "dedup-1").containsKey("SequenceNumber");
    }

    @Test
    void a_batch_holds_at_most_the_batch_size() {
        SqsQueue queue = standardQueue(3);
        for (int i = 0; i < 25; i++) {
            queue.send("m" + i);
        }
        Recording function = new Recording(event -> null);

        List<BatchInvocation> invocations = mapping(queue).drain(function, Duration.ofSeconds(20));
        SqsQueue small = standardQueue(3);
        for (int i = 0; i < 7; i++) {
            small.send("m" + i);
        }
        List<BatchInvocation> smallInvocations = EventSourceMapping.builder(small).batchSize(3).build()
                .drain(new Recording(event -> null), Duration.ofSeconds(20));

        assertThat(invocations).allSatisfy(invocation -> assertThat(invocation.messages()).hasSizeBetween(1, 10));
        assertThat(invocations.stream().mapToInt(invocation -> invocation.messages().size()).sum()).isEqualTo(25);
        assertThat(smallInvocations).allSatisfy(invocation -> assertThat(invocation.messages()).hasSizeBetween(1, 3));
        assertThat(smallInvocations.stream().mapToInt(invocation -> invocation.messages().size()).sum()).isEqualTo(7);
    }

    @Test
    void only_the_successful_messages_are_deleted_and_a_reported_one_comes_back_with_its_receive_count_plus_one() {
        SqsQueue queue = standardQueue(3);
        String a = queue.send("a");
        String b = queue.send("b");
        String c = queue.send("c");
        EventSourceMapping mapping = mapping(queue);
        Recording function = new Recording(event -> failing(event, "b"));

        BatchInvocation first = mapping.pollOnce(function);
        BatchInvocation second = pollUntilInvoked(mapping, new Recording(event -> null));

        assertThat(first.result()).isEqualTo(BatchInvocation.Result.SOME_FAILED);
        assertThat(first.deleted()).containsExactlyInAnyOrder(a, c);
        assertThat(first.redelivered()).containsExactly(b);
        assertThat(second.messages()).singleElement().satisfies(message -> {
            assertThat(message.messageId()).isEqualTo(b);
            assertThat(message.receiveCount()).isEqualTo(2);
        });
        assertThat(queue.messagesLeft()).isZero();
    }

    @Test
    void a_message_that_keeps_failing_is_in_the_dead_letter_queue_after_max_receive_count_deliveries() {
        SqsQueue queue = standardQueue(3);
        String id = queue.send("doomed");
        List<Integer> receiveCounts = new ArrayList<>();
        Recording function = new Recording(event -> {
            receiveCounts.add(Integer.parseInt(event.getRecords().get(0).getAttributes().get("ApproximateReceiveCount")));
            return failing(event, "doomed");
        });

        mapping(queue).drain(function, Duration.ofSeconds(20));

        assertThat(receiveCounts).containsExactly(1, 2, 3);
        List<Message> deadLetters = queue.takeDeadLetters();
        assertThat(deadLetters).extracting(Message::messageId).containsExactly(id);
        assertThat(deadLetters.get(0).body()).isEqualTo("doomed");
    }

    static List<SQSBatchResponse> rule_breaking_responses() {
        return List.of(
                new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure(""))),
                new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure(null))),
                new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("not-in-this-batch"))));
    }

    @ParameterizedTest
    @MethodSource("rule_breaking_responses")
    void an_empty_null_or_unknown_item_identifier_fails_the_whole_batch(SQSBatchResponse response) {
        SqsQueue queue = standardQueue(3);
        String a = queue.send("a");
        String b = queue.send("b");
        EventSourceMapping mapping = mapping(queue);

        BatchInvocation first = mapping.pollOnce(new Recording(event -> response));
        List<ReceivedMessage> redelivered = receiveAll(mapping, 2);

        assertThat(first.result()).isEqualTo(BatchInvocation.Result.INVALID_RESPONSE);
        assertThat(first.deleted()).isEmpty();
        assertThat(redelivered).extracting(ReceivedMessage::messageId).containsExactlyInAnyOrder(a, b);
        assertThat(redelivered).extracting(ReceivedMessage::receiveCount).containsOnly(2);
    }

    static List<SQSBatchResponse> complete_successes() {
        return java.util.Arrays.asList(null, new SQSBatchResponse(), new SQSBatchResponse(List.of()));
    }

    @ParameterizedTest
    @MethodSource("complete_successes")
    void a_null_or_empty_response_is_a_complete_success(SQSBatchResponse response) {
        SqsQueue queue = standardQueue(3);
        queue.send("a");
        queue.send("b");

        BatchInvocation invocation = mapping(queue).pollOnce(new Recording(event -> response));

        assertThat(invocation.result()).isEqualTo(BatchInvocation.Result.ALL_SUCCEEDED);
        assertThat(invocation.deleted()).hasSize(2);
        assertThat(queue.messagesLeft()).isZero();
    }

    @Test
    void a_function_error_leaves_the_whole_batch_for_redelivery() {
        SqsQueue queue = standardQueue(3);
        String a = queue.send("a");
        String b = queue.send("b");
        EventSourceMapping mapping = mapping(queue);

        BatchInvocation failed = mapping.pollOnce(new Recording(event -> {
            throw new IllegalStateException("boom");
        }));
        List<ReceivedMessage> redelivered = receiveAll(mapping, 2);

        assertThat(failed.result()).isEqualTo(BatchInvocation.Result.FUNCTION_ERROR);
        assertThat(failed.error()).hasMessage("boom");
        assertThat(redelivered).extracting(ReceivedMessage::messageId).containsExactlyInAnyOrder(a, b);
        assertThat(redelivered).extracting(ReceivedMessage::receiveCount).containsOnly(2);
    }

    @Test
    void a_crash_mid_batch_leaves_the_whole_batch_for_redelivery() {
        SqsQueue queue = standardQueue(3);
        queue.send("a");
        queue.send("b");
        EventSourceMapping mapping = mapping(queue);

        BatchInvocation crashed = mapping.pollOnce(new Recording(event -> {
            throw new SimulatedCrash("killed");
        }));
        List<ReceivedMessage> redelivered = receiveAll(mapping, 2);

        assertThat(crashed.result()).isEqualTo(BatchInvocation.Result.FUNCTION_ERROR);
        assertThat(crashed.error()).isInstanceOf(SimulatedCrash.class);
        assertThat(redelivered).extracting(ReceivedMessage::receiveCount).containsOnly(2);
    }

    @Test
    void without_report_batch_item_failures_the_response_is_ignored_and_the_batch_deleted() {
        SqsQueue queue = standardQueue(3);
        queue.send("a");
        queue.send("b");

        BatchInvocation invocation = EventSourceMapping.builder(queue).reportBatchItemFailures(false).build()
                .pollOnce(new Recording(event -> failing(event, "a")));

        assertThat(invocation.result()).isEqualTo(BatchInvocation.Result.ALL_SUCCEEDED);
        assertThat(queue.messagesLeft()).isZero();
    }

    @Test
    void a_fifo_group_keeps_its_order_when_one_of_its_messages_fails() {
        SqsQueue queue = fifoQueue();
        List<String> sent = List.of("a1", "a2", "a3", "b1", "b2");
        for (String body : sent) {
            queue.sendToGroup(body, "group-" + body.charAt(0), "dedup-" + body);
        }
        Map<String, List<String>> doneInOrder = new LinkedHashMap<>();
        Set<String> failedOnce = new HashSet<>();
        // Fails a2 on its first delivery and, as a FIFO consumer must, everything after it in its group.
        Recording function = new Recording(event -> {
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            Set<String> blockedGroups = new HashSet<>();
            for (SQSEvent.SQSMessage record : event.getRecords()) {
                String group = record.getAttributes().get("MessageGroupId");
                if (blockedGroups.contains(group) || (record.getBody().equals("a2") && failedOnce.add("a2"))) {
                    blockedGroups.add(group);
                    failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                } else {
                    doneInOrder.computeIfAbsent(group, unused -> new ArrayList<>()).add(record.getBody());
                }
            }
            return new SQSBatchResponse(failures);
        });

        mapping(queue).drain(function, Duration.ofSeconds(20));

        assertThat(failedOnce).containsExactly("a2");
        assertThat(doneInOrder).containsEntry("group-a", List.of("a1", "a2", "a3"))
                .containsEntry("group-b", List.of("b1", "b2"));
        assertThat(queue.takeDeadLetters()).isEmpty();
    }

    /** Polls (each poll long-polls) until an invocation happens. */
    private static BatchInvocation pollUntilInvoked(EventSourceMapping mapping, SqsFunction function) {
        for (int poll = 0; poll < 20; poll++) {
            BatchInvocation invocation = mapping.pollOnce(function);
            if (invocation.invoked()) {
                return invocation;
            }
        }
        throw new AssertionError("no message came back within 20 polls");
    }

    /** Receives (acknowledging them) until {@code count} messages have come. */
    private static List<ReceivedMessage> receiveAll(EventSourceMapping mapping, int count) {
        List<ReceivedMessage> received = new ArrayList<>();
        while (received.size() < count) {
            received.addAll(pollUntilInvoked(mapping, new Recording(event -> null)).messages());
        }
        return received;
    }

    private static SQSBatchResponse failing(SQSEvent event, String body) {
        return new SQSBatchResponse(event.getRecords().stream().filter(record -> record.getBody().equals(body))
                .map(record -> new SQSBatchResponse.BatchItemFailure(record.getMessageId())).toList());
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A scripted function that keeps every event it was given. */
    private static final class Recording implements SqsFunction {
        private final Function<SQSEvent, SQSBatchResponse> answer;
        private final List<SQSEvent> events = new ArrayList<>();

        Recording(Function<SQSEvent, SQSBatchResponse> answer) {
            this.answer = answer;
        }

        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, com.amazonaws.services.lambda.runtime.Context context) {
            events.add(event);
            return answer.apply(event);
        }

        SQSEvent.SQSMessage only() {
            assertThat(events).hasSize(1);
            assertThat(events.get(0).getRecords()).hasSize(1);
            return events.get(0).getRecords().get(0);
        }
    }
}

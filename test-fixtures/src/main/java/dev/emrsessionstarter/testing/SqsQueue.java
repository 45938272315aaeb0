package dev.emrsessionstarter.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** A queue that {@link LocalSqs} created, with its dead-letter queue: what producers and the tests do with it. */
public final class SqsQueue {

    private final SqsClient client;
    private final QueueSettings settings;
    private final String url;
    private final String arn;
    private final String deadLetterUrl;
    private final String deadLetterArn;

    SqsQueue(SqsClient client, QueueSettings settings, String url, String arn, String deadLetterUrl,
            String deadLetterArn) {
        this.client = client;
        this.settings = settings;
        this.url = url;
        this.arn = arn;
        this.deadLetterUrl = deadLetterUrl;
        this.deadLetterArn = deadLetterArn;
    }

    public SqsClient client() {
        return client;
    }

    public String url() {
        return url;
    }

    public String arn() {
        return arn;
    }

    public String deadLetterArn() {
        return deadLetterArn;
    }

    public boolean fifo() {
        return settings.fifo();
    }

    public int maxReceiveCount() {
        return settings.maxReceiveCount();
    }

    public Duration visibilityTimeout() {
        return settings.visibilityTimeout();
    }

    /** Sends a message to a standard queue; returns its message id. */
    public String send(String body) {
        return send(body, Map.of());
    }

    /** Sends a message with string message attributes to a standard queue; returns its message id. */
    public String send(String body, Map<String, String> stringAttributes) {
        if (fifo()) {
            throw new IllegalStateException("a FIFO queue needs a message group: use sendToGroup");
        }
        return send(SendMessageRequest.builder().messageBody(body).messageAttributes(strings(stringAttributes)));
    }

    /** Sends a message to a FIFO queue; returns its message id. */
    public String sendToGroup(String body, String groupId, String deduplicationId) {
        if (!fifo()) {
            throw new IllegalStateException("message groups with deduplication ids are for FIFO queues");
        }
        return send(SendMessageRequest.builder().messageBody(body).messageGroupId(groupId)
                .messageDeduplicationId(deduplicationId));
    }

    /** Sends up to ten messages to a standard queue in one call; returns their message ids in the order given. */
    public List<String> sendBatch(List<String> bodies) {
        if (fifo()) {
            throw new IllegalStateException("a FIFO queue needs a message group: use sendToGroup");
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(bodies.get(i))
                    .build());
        }
        SendMessageBatchResponse response = client.sendMessageBatch(request -> request.queueUrl(url).entries(entries));
        if (!response.failed().isEmpty()) {
            throw new IllegalStateException("SQS refused messages: " + response.failed());
        }
        String[] ids = new String[bodies.size()];
        response.successful().forEach(entry -> ids[Integer.parseInt(entry.id())] = entry.messageId());
        return List.of(ids);
    }

    /** Sends a fully specified message (the queue URL is filled in); returns its message id. */
    public String send(SendMessageRequest.Builder message) {
        return client.sendMessage(message.queueUrl(url).build()).messageId();
    }

    /**
     * Messages still on the queue: visible, in flight, or waiting for the receive that moves them to the dead-letter
     * queue (SQS moves a message that reached maxReceiveCount lazily, on a later receive).
     */
    public int messagesLeft() {
        return messageCounts().total();
    }

    /**
     * The queue's message counts in one call. A message counted visible may not be received: one that reached
     * maxReceiveCount waits there for a receive, which moves it to the dead-letter queue instead of returning it (the
     * local SQS server moves at most a batch's worth per receive, and then returns nothing).
     */
    public MessageCounts messageCounts() {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(request -> request.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return new MessageCounts(count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    /** Visible (or waiting for their move to the dead-letter queue), in flight, and delayed messages. */
    public record MessageCounts(int visible, int inFlight, int delayed) {
        public int total() {
            return visible + inFlight + delayed;
        }
    }

    private static int count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        return Integer.parseInt(attributes.getOrDefault(name, "0"));
    }

    /** Receives and deletes everything in the dead-letter queue, in the order it hands them out. */
    public List<Message> takeDeadLetters() {
        List<Message> taken = new ArrayList<>();
        while (true) {
            List<Message> batch = client.receiveMessage(request -> request.queueUrl(deadLetterUrl)
                    .maxNumberOfMessages(10).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return taken;
            }
            List<DeleteMessageBatchRequestEntry> deletions = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                deletions.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(batch.get(i).receiptHandle()).build());
            }
            client.deleteMessageBatch(request -> request.queueUrl(deadLetterUrl).entries(deletions));
            taken.addAll(batch);
        }
    }

    private static Map<String, MessageAttributeValue> strings(Map<String, String> values) {
        Map<String, MessageAttributeValue> attributes = new java.util.LinkedHashMap<>();
        values.forEach((name, value) -> attributes.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return attributes;
    }
}

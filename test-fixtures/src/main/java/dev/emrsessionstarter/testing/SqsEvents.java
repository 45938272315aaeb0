package dev.emrsessionstarter.testing;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQS events shaped the way Lambda's event source mapping delivers them. */
public final class SqsEvents {

    public static final String STANDARD_QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:session-requests";
    public static final String FIFO_QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:session-requests.fifo";

    private SqsEvents() {
    }

    public static SQSEvent batch(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(Arrays.asList(messages)));
        return event;
    }

    public static SQSEvent batch(List<SQSEvent.SQSMessage> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(messages));
        return event;
    }

    public static SQSEvent.SQSMessage message(String messageId, String body) {
        return message(messageId, body, 1);
    }

    public static SQSEvent.SQSMessage message(String messageId, String body, int receiveCount) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(messageId);
        message.setReceiptHandle("receipt-" + messageId);
        message.setBody(body);
        message.setEventSource("aws:sqs");
        message.setEventSourceArn(STANDARD_QUEUE_ARN);
        message.setAwsRegion("us-east-1");
        Map<String, String> attributes = new HashMap<>();
        attributes.put("ApproximateReceiveCount", Integer.toString(receiveCount));
        attributes.put("SentTimestamp", "1764007200000");
        attributes.put("SenderId", "AIDAEXAMPLE");
        attributes.put("ApproximateFirstReceiveTimestamp", "1764007200100");
        message.setAttributes(attributes);
        message.setMessageAttributes(new HashMap<>());
        return message;
    }

    public static SQSEvent.SQSMessage fifoMessage(String messageId, String group, String body) {
        SQSEvent.SQSMessage message = message(messageId, body);
        message.setEventSourceArn(FIFO_QUEUE_ARN);
        message.getAttributes().put("MessageGroupId", group);
        message.getAttributes().put("MessageDeduplicationId", "dedup-" + messageId);
        message.getAttributes().put("SequenceNumber", "1862698" + Math.abs(messageId.hashCode()));
        return message;
    }
}

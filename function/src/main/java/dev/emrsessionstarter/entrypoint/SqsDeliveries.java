package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.core.reading.RequestIdentity;
import dev.emrsessionstarter.core.reading.Trigger;
import java.util.Map;

/** Reads an SQS record as a delivery: its message id is the identity, its receive count the attempt. */
final class SqsDeliveries {

    private final int maxReceiveCount;

    /** @param maxReceiveCount the queue's redrive {@code maxReceiveCount}: the receive that is a last attempt */
    SqsDeliveries(int maxReceiveCount) {
        this.maxReceiveCount = maxReceiveCount;
    }

    Delivery delivery(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes() == null ? Map.of() : message.getAttributes();
        Integer receiveCount = receiveCount(attributes.get("ApproximateReceiveCount"));
        return new Delivery(Trigger.SQS, message.getMessageId(), RequestIdentity.Source.SQS_MESSAGE_ID,
                isFifo(message) ? attributes.get("MessageGroupId") : null, receiveCount,
                receiveCount != null && receiveCount >= maxReceiveCount, new Delivery.Text(message.getBody()));
    }

    /**
     * Order only binds on FIFO queues (their ARN ends in {@code .fifo}); a standard queue's message groups are for
     * fairness. Without an ARN, a message group is honoured: keeping order is the safe side.
     */
    private static boolean isFifo(SQSEvent.SQSMessage message) {
        String arn = message.getEventSourceArn();
        return arn == null || arn.endsWith(".fifo");
    }

    private static Integer receiveCount(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }
}

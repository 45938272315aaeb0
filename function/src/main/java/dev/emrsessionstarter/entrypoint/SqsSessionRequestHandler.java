package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.core.Lanes;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.core.reading.RequestIdentity;
import dev.emrsessionstarter.core.reading.Trigger;
import dev.emrsessionstarter.wiring.FunctionComponents;
import java.util.List;
import java.util.Map;

/**
 * Entry point for SQS queues (standard or FIFO): each record's body is a session request, its {@code messageId} the
 * identity, its receive count the attempt (docs/contract.md section 1).
 */
public final class SqsSessionRequestHandler extends SqsBatchHandler {

    /** Field initializers run after the superclass constructor, which sets the components. */
    private final int maxReceiveCount = components.settings().requireMaxReceiveCount();

    public SqsSessionRequestHandler() {
        super(Settings.QueueTrigger.REQUIRED);
    }

    public SqsSessionRequestHandler(FunctionComponents components, InvocationMetrics metrics) {
        super(components, metrics);
    }

    @Override
    String trigger() {
        return Trigger.SQS.wireName();
    }

    @Override
    List<String> handle(List<SQSEvent.SQSMessage> records, Context context) {
        List<RequestOutcome> outcomes = components.processor()
                .process(records.stream().map(this::delivery).toList(), deadline(context));
        metrics.record(outcomes);
        return Lanes.toDeliverAgain(outcomes).stream().map(outcome -> outcome.request().delivery().deliveryId())
                .toList();
    }

    /**
     * Order only binds on FIFO queues (their ARN ends in {@code .fifo}); a standard queue's message groups are for
     * fairness. Without an ARN, a message group is honoured: keeping order is the safe side. The receive that reaches
     * the queue's {@code maxReceiveCount} is the last attempt.
     */
    private Delivery delivery(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes() == null ? Map.of() : message.getAttributes();
        Integer receiveCount = receiveCount(attributes.get("ApproximateReceiveCount"));
        boolean fifo = message.getEventSourceArn() == null || message.getEventSourceArn().endsWith(".fifo");
        return new Delivery(Trigger.SQS, message.getMessageId(), RequestIdentity.Source.SQS_MESSAGE_ID,
                fifo ? attributes.get("MessageGroupId") : null, receiveCount,
                receiveCount != null && receiveCount >= maxReceiveCount, new Delivery.Text(message.getBody()));
    }

    private static Integer receiveCount(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }
}

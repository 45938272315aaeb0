package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.core.Lanes;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.reading.Trigger;
import dev.emrsessionstarter.wiring.FunctionComponents;
import java.util.List;

/**
 * Entry point for SQS queues (standard or FIFO): each record's body is a session request, its {@code messageId} the
 * identity (docs/contract.md section 1).
 */
public final class SqsSessionRequestHandler extends SqsBatchHandler {

    /** Field initializers run after the superclass constructor, which sets the components. */
    private final SqsDeliveries deliveries = new SqsDeliveries(components.settings().requireMaxReceiveCount());

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
                .process(records.stream().map(deliveries::delivery).toList(), deadline(context));
        metrics.record(outcomes);
        return Lanes.toDeliverAgain(outcomes).stream().map(outcome -> outcome.request().delivery().deliveryId())
                .toList();
    }
}

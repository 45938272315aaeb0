package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.watching.CheckOutcome;
import dev.emrsessionstarter.core.watching.ReadinessWatch.CheckMessage;
import dev.emrsessionstarter.wiring.FunctionComponents;
import java.util.List;

/**
 * Entry point for the watch queue: each record is a readiness check of a session the function started
 * (docs/contract.md section 6). A check is done once its watch ended with an event or its next check is scheduled.
 */
public final class ReadinessCheckHandler extends SqsBatchHandler {

    public ReadinessCheckHandler() {
        super(Settings.QueueTrigger.NOT_USED);
    }

    public ReadinessCheckHandler(FunctionComponents components, InvocationMetrics metrics) {
        super(components, metrics);
    }

    @Override
    String trigger() {
        return "watch";
    }

    @Override
    List<String> handle(List<SQSEvent.SQSMessage> records, Context context) {
        List<CheckOutcome> outcomes = components.watch().check(records.stream()
                .map(record -> new CheckMessage(record.getMessageId(), record.getBody())).toList(), deadline(context));
        metrics.recordChecks(outcomes);
        return outcomes.stream().filter(CheckOutcome::needsRetry).map(CheckOutcome::messageId).toList();
    }
}

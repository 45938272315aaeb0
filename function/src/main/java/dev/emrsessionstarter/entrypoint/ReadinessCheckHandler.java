package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.core.watching.CheckOutcome;
import dev.emrsessionstarter.core.watching.ReadinessWatch.CheckMessage;
import dev.emrsessionstarter.core.watching.ReadinessWatch;
import dev.emrsessionstarter.wiring.FunctionComponents;
import dev.emrsessionstarter.wiring.SnapStartPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for the watch queue, through an event source mapping with {@code ReportBatchItemFailures}: each record
 * is a readiness check of a session the function started (contract section 6). The response names the checks to
 * deliver again; every other one is done: its watch ended with an event, or its next check is scheduled.
 */
public final class ReadinessCheckHandler implements RequestStreamHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessCheckHandler.class);
    private static final String TRIGGER = "watch";

    private final ReadinessWatch watch;
    private final InvocationMetrics metrics;
    private final SqsEventJson eventJson = new SqsEventJson();
    private final FunctionComponents components;
    /** Held for the runtime's CRaC context, which keeps its resources only weakly. */
    private final SnapStartPriming priming;

    /** For Lambda: settings from the environment, clients built once per execution environment, SnapStart priming. */
    public ReadinessCheckHandler() {
        this(FunctionComponents.fromEnvironment(Settings.QueueTrigger.NOT_USED), InvocationMetrics.powertools());
        SnapStartPriming.register(priming);
    }

    public ReadinessCheckHandler(FunctionComponents components, InvocationMetrics metrics) {
        this.components = components;
        this.watch = components.watch();
        this.metrics = metrics;
        this.priming = components.priming();
    }

    /**
     * Closes the components this handler runs on (see {@link FunctionComponents#close()}). Lambda never calls it; a
     * host that retires an execution environment in a live JVM does.
     */
    @Override
    public void close() {
        components.close();
    }

    /** Lambda's entry: the event read and the response written by {@link SqsEventJson}. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        eventJson.write(handleRequest(eventJson.read(input), context), output);
    }

    /** The same, on an event already read: as tests and local runs call it. */
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> records = BatchItemFailures.records(event);
        return Invocation.run(context, metrics, () -> handle(records, context));
    }

    private SQSBatchResponse handle(List<SQSEvent.SQSMessage> records, Context context) {
        List<CheckMessage> messages = records.stream()
                .map(record -> new CheckMessage(record.getMessageId(), record.getBody())).toList();
        List<CheckOutcome> outcomes = watch.check(messages, Invocation.deadline(context));
        metrics.recordChecks(outcomes);
        SQSBatchResponse response = BatchItemFailures.deliverAgain(
                outcomes.stream().filter(CheckOutcome::needsRetry).map(CheckOutcome::messageId).toList());
        String messageIds = records.stream().map(SQSEvent.SQSMessage::getMessageId).map(String::valueOf)
                .collect(Collectors.joining(","));
        try (RequestLogContext ignored = RequestLogContext.openInvocation(TRIGGER, messageIds,
                context == null ? null : context.getAwsRequestId())) {
            LOG.info("Checks handled: records={} toRetry={}", records.size(), response.getBatchItemFailures().size());
        }
        return response;
    }
}

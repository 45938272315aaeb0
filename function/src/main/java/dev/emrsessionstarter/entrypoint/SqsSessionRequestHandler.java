package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.core.Lanes;
import dev.emrsessionstarter.core.SessionRequestProcessor;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.core.reading.Trigger;
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
 * Entry point for SQS queues (standard or FIFO) through an event source mapping with
 * {@code ReportBatchItemFailures}: each record's body is a session request, its {@code messageId} the identity. The
 * response names the messages to deliver again; all others are done.
 */
public final class SqsSessionRequestHandler implements RequestStreamHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsSessionRequestHandler.class);

    private final SessionRequestProcessor processor;
    private final SqsDeliveries sqsDeliveries;
    private final InvocationMetrics metrics;
    private final SqsEventJson eventJson = new SqsEventJson();
    private final FunctionComponents components;
    /** Held for the runtime's CRaC context, which keeps its resources only weakly. */
    private final SnapStartPriming priming;

    /** For Lambda: settings from the environment, clients built once per execution environment, SnapStart priming. */
    public SqsSessionRequestHandler() {
        this(FunctionComponents.fromEnvironment(Settings.QueueTrigger.REQUIRED), InvocationMetrics.powertools());
        SnapStartPriming.register(priming);
    }

    public SqsSessionRequestHandler(FunctionComponents components, InvocationMetrics metrics) {
        this.components = components;
        this.sqsDeliveries = new SqsDeliveries(components.settings().requireMaxReceiveCount());
        this.processor = components.processor();
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
        List<Delivery> deliveries = records.stream().map(sqsDeliveries::delivery).toList();
        List<RequestOutcome> outcomes = processor.process(deliveries, Invocation.deadline(context));
        metrics.record(outcomes);
        SQSBatchResponse response = BatchItemFailures.deliverAgain(Lanes.toDeliverAgain(outcomes).stream()
                .map(outcome -> outcome.request().delivery().deliveryId()).toList());
        String identities = records.stream().map(SQSEvent.SQSMessage::getMessageId)
                .map(String::valueOf).collect(Collectors.joining(","));
        try (RequestLogContext ignored = RequestLogContext.openInvocation(Trigger.SQS.wireName(), identities,
                context == null ? null : context.getAwsRequestId())) {
            LOG.info("Batch handled: records={} toRetry={}", records.size(), response.getBatchItemFailures().size());
        }
        return response;
    }
}

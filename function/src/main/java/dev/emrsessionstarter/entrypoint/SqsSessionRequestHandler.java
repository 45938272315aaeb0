package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.core.SessionRequestProcessor;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.delivery.Delivery;
import dev.emrsessionstarter.core.identity.RequestIdentity;
import dev.emrsessionstarter.core.identity.Trigger;
import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.core.outcome.RequestResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for SQS queues (standard or FIFO) through an event source mapping with
 * {@code ReportBatchItemFailures}: each record's body is a session request, its {@code messageId} the identity. The
 * response names the messages to deliver again; all others are done.
 */
public final class SqsSessionRequestHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(SqsSessionRequestHandler.class);

    private final SessionRequestProcessor processor;
    private final InvocationMetrics metrics;
    /** Held for the runtime's CRaC context, which keeps its resources only weakly. */
    private final SnapStartPriming priming;

    /** For Lambda: settings from the environment, clients built once per execution environment, SnapStart priming. */
    public SqsSessionRequestHandler() {
        this(FunctionComponents.fromEnvironment(Settings.QueueTrigger.REQUIRED), InvocationMetrics.powertools());
        SnapStartPriming.register(priming);
    }

    public SqsSessionRequestHandler(FunctionComponents components, InvocationMetrics metrics) {
        components.settings().requireMaxReceiveCount();
        this.processor = components.processor();
        this.metrics = metrics;
        this.priming = components.priming();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null
                ? List.of()
                : event.getRecords().stream().filter(java.util.Objects::nonNull).toList();
        return Invocation.run(context, metrics, () -> handle(records, context));
    }

    private SQSBatchResponse handle(List<SQSEvent.SQSMessage> records, Context context) {
        List<Delivery> deliveries = records.stream().map(SqsSessionRequestHandler::delivery).toList();
        List<RequestResult> results = processor.process(deliveries, Invocation.deadline(context));
        metrics.record(results);
        SQSBatchResponse response = new SQSBatchResponse(batchItemFailures(records, results));
        String identities = records.stream().map(SQSEvent.SQSMessage::getMessageId)
                .map(String::valueOf).collect(Collectors.joining(","));
        try (RequestLogContext ignored = RequestLogContext.openInvocation(Trigger.SQS.wireName(), identities,
                context == null ? null : context.getAwsRequestId())) {
            LOG.info("Batch handled: records={} toRetry={}", records.size(), response.getBatchItemFailures().size());
        }
        return response;
    }

    private static Delivery delivery(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes() == null ? Map.of() : message.getAttributes();
        return new Delivery(Trigger.SQS, message.getMessageId(), RequestIdentity.Source.SQS_MESSAGE_ID,
                isFifo(message) ? attributes.get("MessageGroupId") : null,
                receiveCount(attributes.get("ApproximateReceiveCount")),
                new Delivery.Text(message.getBody()));
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

    /**
     * The messages to deliver again. On a FIFO queue, once a message of a group needs another try, every later
     * message of that group in the batch does too, or the group's order would break.
     */
    static List<SQSBatchResponse.BatchItemFailure> batchItemFailures(List<SQSEvent.SQSMessage> records,
            List<RequestResult> results) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Set<String> failedGroups = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            String group = results.get(i).request().delivery().orderingGroup();
            boolean retry = results.get(i).needsRetry() || (group != null && failedGroups.contains(group));
            if (!retry) {
                continue;
            }
            if (group != null) {
                failedGroups.add(group);
            }
            String messageId = records.get(i).getMessageId();
            if (messageId == null || messageId.isEmpty()) {
                // A failure Lambda cannot attribute fails the whole batch, which is the only way to retry it.
                return List.of(new SQSBatchResponse.BatchItemFailure(""));
            }
            failures.add(new SQSBatchResponse.BatchItemFailure(messageId));
        }
        return failures;
    }
}

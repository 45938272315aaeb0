package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.wiring.FunctionComponents;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An entry point for a queue (event source mapping with {@code ReportBatchItemFailures}): the response names the
 * messages to deliver again, all others are done. Public: the Lambda runtime calls its {@code handleRequest}.
 */
public abstract class SqsBatchHandler extends FunctionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatchHandler.class);

    private final SqsEventJson eventJson = new SqsEventJson();

    SqsBatchHandler(Settings.QueueTrigger queueTrigger) {
        super(queueTrigger);
    }

    SqsBatchHandler(FunctionComponents components, InvocationMetrics metrics) {
        super(components, metrics);
    }

    /** How log lines about a whole batch name the queue's trigger. */
    abstract String trigger();

    /** @return the message ids of the records to deliver again */
    abstract List<String> handle(List<SQSEvent.SQSMessage> records, Context context);

    /** Lambda's entry, through {@link SqsEventJson}. */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        eventJson.write(handleRecords(eventJson.read(input), context), output);
    }

    /** The same, on an event already read: as tests and local runs call it. */
    public final SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return handleRecords(event == null || event.getRecords() == null ? List.of() : event.getRecords(), context);
    }

    private SQSBatchResponse handleRecords(List<SQSEvent.SQSMessage> batch, Context context) {
        // Lambda never sends a null record, but a test or a hand-made event may.
        List<SQSEvent.SQSMessage> records = batch.stream().filter(Objects::nonNull).toList();
        return invoke(context, () -> {
            SQSBatchResponse response = deliverAgain(handle(records, context));
            String ids = records.stream().map(SQSEvent.SQSMessage::getMessageId).map(String::valueOf)
                    .collect(Collectors.joining(","));
            try (RequestLogContext ignored = RequestLogContext.openInvocation(trigger(), ids, requestId(context))) {
                LOG.info("Batch handled: records={} toRetry={}", records.size(),
                        response.getBatchItemFailures().size());
            }
            return response;
        });
    }

    private static SQSBatchResponse deliverAgain(List<String> messageIds) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>(messageIds.size());
        for (String messageId : messageIds) {
            if (messageId == null || messageId.isEmpty()) {
                // A failure Lambda cannot attribute fails the whole batch, which is the only way to retry it.
                return new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("")));
            }
            failures.add(new SQSBatchResponse.BatchItemFailure(messageId));
        }
        return new SQSBatchResponse(failures);
    }
}

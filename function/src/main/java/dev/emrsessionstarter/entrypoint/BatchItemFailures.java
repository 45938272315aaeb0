package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Lambda's SQS partial batch response, for the two entry points that read queues. */
final class BatchItemFailures {

    private BatchItemFailures() {
    }

    /** The batch's records; Lambda never sends a null one, but a test or a hand-made event may. */
    static List<SQSEvent.SQSMessage> records(SQSEvent event) {
        return event == null || event.getRecords() == null
                ? List.of()
                : event.getRecords().stream().filter(Objects::nonNull).toList();
    }

    /** Names the messages to deliver again; every other message of the batch is done. */
    static SQSBatchResponse deliverAgain(List<String> messageIds) {
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

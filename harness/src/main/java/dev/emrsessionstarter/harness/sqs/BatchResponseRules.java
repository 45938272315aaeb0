package dev.emrsessionstarter.harness.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How an event source mapping with {@code ReportBatchItemFailures} reads a function's response (Lambda's "partial
 * batch response" rules for SQS).
 *
 * <ul>
 *   <li>Complete success: a null or empty response, or a null or empty {@code batchItemFailures} list.
 *   <li>Complete failure: a response that is not such an object, an item whose {@code itemIdentifier} is missing,
 *       null, empty or not a string, or one that names a message not in the batch.
 *   <li>Otherwise the named messages failed and the others succeeded.
 * </ul>
 */
final class BatchResponseRules {

    private BatchResponseRules() {
    }

    /** The verdict on one response. */
    sealed interface Verdict permits AllSucceeded, SomeFailed, WholeBatchFailed {
    }

    record AllSucceeded() implements Verdict {
    }

    /** @param failed the message ids to deliver again, in the order the response named them */
    record SomeFailed(Set<String> failed) implements Verdict {
    }

    record WholeBatchFailed(String reason) implements Verdict {
    }

    static Verdict read(JsonNode response, Set<String> batchMessageIds) {
        if (response == null || response.isNull() || response.isMissingNode()
                || (response.isObject() && response.isEmpty())) {
            return new AllSucceeded();
        }
        if (!response.isObject()) {
            return new WholeBatchFailed("the response is not a JSON object");
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
            return new AllSucceeded();
        }
        if (!failures.isArray()) {
            return new WholeBatchFailed("batchItemFailures is not a list");
        }
        Set<String> failed = new LinkedHashSet<>();
        for (JsonNode failure : failures) {
            JsonNode identifier = failure == null ? null : failure.get("itemIdentifier");
            if (identifier == null || !identifier.isTextual() || identifier.textValue().isEmpty()) {
                return new WholeBatchFailed("an item failure has no itemIdentifier");
            }
            if (!batchMessageIds.contains(identifier.textValue())) {
                return new WholeBatchFailed("an itemIdentifier names no message of the batch");
            }
            failed.add(identifier.textValue());
        }
        return new SomeFailed(failed);
    }
}

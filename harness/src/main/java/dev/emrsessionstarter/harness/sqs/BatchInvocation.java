package dev.emrsessionstarter.harness.sqs;

import java.util.List;
import java.util.Set;

/**
 * One poll of the event source mapping: the batch it received, how the invocation ended, and what the mapping did
 * with each message.
 *
 * @param messages the batch, in the order the function received it (empty when the poll found nothing)
 * @param deleted messages deleted from the queue: done
 * @param redelivered messages left on the queue: they come back once their visibility timeout ends, or move to the
 *     dead-letter queue once they reach maxReceiveCount
 * @param error what the function threw (including a simulated crash), or null
 * @param reason why the whole batch failed, or null
 */
public record BatchInvocation(Result result, List<ReceivedMessage> messages, Set<String> deleted,
        Set<String> redelivered, Throwable error, String reason) {

    /** How the invocation ended, as the event source mapping judges it. */
    public enum Result {
        /** The poll received nothing; the function was not invoked. */
        NO_MESSAGES,
        ALL_SUCCEEDED,
        /** A partial batch response named some messages. */
        SOME_FAILED,
        /** The response broke the partial batch response rules, so the whole batch failed. */
        INVALID_RESPONSE,
        /** The function threw, crashed or timed out: no response, the whole batch failed. */
        FUNCTION_ERROR
    }

    public BatchInvocation {
        messages = List.copyOf(messages);
        deleted = Set.copyOf(deleted);
        redelivered = Set.copyOf(redelivered);
    }

    static BatchInvocation nothingReceived() {
        return new BatchInvocation(Result.NO_MESSAGES, List.of(), Set.of(), Set.of(), null, null);
    }

    public boolean invoked() {
        return result != Result.NO_MESSAGES;
    }
}

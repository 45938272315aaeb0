package dev.emrsessionstarter.core.outcome;

import dev.emrsessionstarter.core.delivery.ReadRequest;
import java.util.List;

/**
 * How one request ended in this invocation.
 *
 * @param outcome the outcome as the trigger must see it: a started session or a rejection whose event could not be
 *     published is turned into a transient failure, so the request is tried again
 * @param finalAttempt no retry will follow (the SQS message has reached the queue's maxReceiveCount)
 * @param attempts the StartSession calls made, for metrics
 * @param event what became of this request's outcome event
 */
public record RequestResult(
        ReadRequest request, Outcome outcome, boolean finalAttempt, List<AttemptRecord> attempts, EventFate event) {

    /** Whether the outcome event reached EventBridge. */
    public enum EventFate {
        PUBLISHED,
        NOT_PUBLISHED,
        /** None was due: the request was kept back untried and will be reported when its turn comes. */
        NONE
    }

    public RequestResult {
        attempts = List.copyOf(attempts);
    }

    /** The trigger must deliver this request again (or, on a last attempt, dead-letter it). */
    public boolean needsRetry() {
        return outcome instanceof Outcome.Failed;
    }
}

package dev.emrsessionstarter.core.reporting;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.OutcomePublisher;
import dev.emrsessionstarter.core.port.PublishResult;
import dev.emrsessionstarter.core.retry.Deadline;
import dev.emrsessionstarter.core.retry.RetryPolicy;
import dev.emrsessionstarter.core.retry.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Publishes a batch's outcome events together and re-sends, entry by entry, those that failed retryably. An event
 * is reported delivered only when the service acknowledged that very entry.
 */
public final class BatchPublisher {

    private final OutcomePublisher publisher;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    public BatchPublisher(OutcomePublisher publisher, RetryPolicy policy, Sleeper sleeper, DoubleSupplier jitter) {
        this.publisher = publisher;
        this.policy = policy;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /** @return each event's final fate, in the order given */
    public List<PublishResult> publish(List<OutcomeEvent> events, Deadline deadline) {
        List<PublishResult> fates = new ArrayList<>(events.size());
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            fates.add(null);
            pending.add(i);
        }
        Duration wait = Duration.ZERO;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Optional<Duration> timeout = policy.nextAttemptTimeout(deadline, Duration.ZERO, wait);
            if (attempt == 1 && timeout.isEmpty()) {
                // The first try is made whatever the clock says: an event not sent is certainly not delivered.
                timeout = Optional.of(policy.minimumAttempt());
            }
            if (timeout.isEmpty() || !sleeper.pause(wait)) {
                break;
            }
            List<OutcomeEvent> batch = pending.stream().map(events::get).toList();
            List<PublishResult> results = publisher.publish(batch, timeout.get());
            List<Integer> retry = new ArrayList<>();
            for (int j = 0; j < pending.size(); j++) {
                PublishResult result = results.get(j);
                fates.set(pending.get(j), result);
                if (result instanceof PublishResult.Failed failed && failed.retryable()) {
                    retry.add(pending.get(j));
                }
            }
            pending = retry;
            if (attempt >= policy.maxAttempts()) {
                break;
            }
            wait = policy.backoff(attempt, jitter);
        }
        for (int i = 0; i < fates.size(); i++) {
            if (fates.get(i) == null) {
                fates.set(i, new PublishResult.Failed(ErrorCodes.INSUFFICIENT_TIME_REMAINING,
                        "the invocation ran out of time before the event could be sent", true));
            }
        }
        return fates;
    }
}

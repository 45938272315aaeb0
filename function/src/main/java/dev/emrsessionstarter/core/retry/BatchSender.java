package dev.emrsessionstarter.core.retry;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.port.BatchPublisher;
import dev.emrsessionstarter.core.port.ServiceCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Sends a batch's entries (outcome events, readiness checks) together and re-sends, entry by entry, those that failed
 * retryably. An entry is reported delivered only when the service acknowledged that very entry.
 *
 * @param <T> what is sent
 */
public final class BatchSender<T> {

    private final BatchPublisher<T> sender;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    public BatchSender(BatchPublisher<T> sender, RetryPolicy policy, Sleeper sleeper, DoubleSupplier jitter) {
        this.sender = sender;
        this.policy = policy;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /** @return each event's final fate, in the order given */
    public List<ServiceCall<String>> send(List<T> entries, Deadline deadline) {
        List<ServiceCall<String>> fates = new ArrayList<>(entries.size());
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
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
            List<T> batch = pending.stream().map(entries::get).toList();
            List<ServiceCall<String>> results = sender.send(batch, timeout.get());
            List<Integer> retry = new ArrayList<>();
            for (int j = 0; j < pending.size(); j++) {
                ServiceCall<String> result = results.get(j);
                fates.set(pending.get(j), result);
                if (result instanceof ServiceCall.Failed<String> failed && failed.retryable()) {
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
                fates.set(i, ServiceCall.Failed.of(ErrorCodes.INSUFFICIENT_TIME_REMAINING,
                        "the invocation ran out of time before the event could be sent", true));
            }
        }
        return fates;
    }
}

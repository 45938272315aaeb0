package dev.emrsessionstarter.harness.soak;

import dev.emrsessionstarter.core.port.BatchPublisher;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The watch queue as SendMessageBatch sometimes answers: the entries {@code fails} picks fail inside a successful call
 * (an {@code InternalError} entry, which SQS counts as retryable) and are not sent; the others go to the real queue.
 */
final class FlakyCheckScheduler implements BatchPublisher<ScheduledCheck> {

    private final BatchPublisher<ScheduledCheck> delegate;
    private final Predicate<ScheduledCheck> fails;

    FlakyCheckScheduler(BatchPublisher<ScheduledCheck> delegate, Predicate<ScheduledCheck> fails) {
        this.delegate = delegate;
        this.fails = fails;
    }

    @Override
    public List<ServiceCall<String>> send(List<ScheduledCheck> checks, Duration timeout) {
        boolean[] fails = new boolean[checks.size()];
        List<ScheduledCheck> sent = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            fails[i] = this.fails.test(checks.get(i));
        }
        for (int i = 0; i < checks.size(); i++) {
            if (!fails[i]) {
                sent.add(checks.get(i));
            }
        }
        List<ServiceCall<String>> answers = sent.isEmpty() ? List.of() : delegate.send(sent, timeout);
        List<ServiceCall<String>> results = new ArrayList<>(checks.size());
        int next = 0;
        for (int i = 0; i < checks.size(); i++) {
            results.add(fails[i]
                    ? ServiceCall.Failed.of("InternalError", "the watch queue failed this entry (simulated)", true)
                    : answers.get(next++));
        }
        return results;
    }
}

package dev.emrsessionstarter.harness.soak;

import dev.emrsessionstarter.core.port.CheckScheduler;
import dev.emrsessionstarter.core.port.PublishResult;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The watch queue as SendMessageBatch sometimes answers: the entries {@code fails} picks fail inside a successful call
 * (an {@code InternalError} entry, which SQS counts as retryable) and are not sent; the others go to the real queue.
 */
final class FlakyCheckScheduler implements CheckScheduler {

    private final CheckScheduler delegate;
    private final Predicate<ScheduledCheck> fails;

    FlakyCheckScheduler(CheckScheduler delegate, Predicate<ScheduledCheck> fails) {
        this.delegate = delegate;
        this.fails = fails;
    }

    @Override
    public List<PublishResult> schedule(List<ScheduledCheck> checks, Duration timeout) {
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
        List<PublishResult> answers = sent.isEmpty() ? List.of() : delegate.schedule(sent, timeout);
        List<PublishResult> results = new ArrayList<>(checks.size());
        int next = 0;
        for (int i = 0; i < checks.size(); i++) {
            results.add(fails[i]
                    ? new PublishResult.Failed("InternalError", "the watch queue failed this entry (simulated)", true)
                    : answers.get(next++));
        }
        return results;
    }
}

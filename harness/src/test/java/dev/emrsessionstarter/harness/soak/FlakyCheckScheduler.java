package dev.emrsessionstarter.harness.soak;

import dev.emrsessionstarter.core.port.CheckScheduler;
import dev.emrsessionstarter.core.port.PublishResult;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The watch queue as SendMessageBatch sometimes answers: a seeded share of the entries fail inside a successful call
 * (an {@code InternalError} entry, which SQS counts as retryable) and are not sent; the others go to the real queue.
 */
final class FlakyCheckScheduler implements CheckScheduler {

    private final CheckScheduler delegate;
    private final Random random;
    private final double failureRate;

    FlakyCheckScheduler(CheckScheduler delegate, Random random, double failureRate) {
        this.delegate = delegate;
        this.random = random;
        this.failureRate = failureRate;
    }

    @Override
    public List<PublishResult> schedule(List<ScheduledCheck> checks, Duration timeout) {
        boolean[] fails = new boolean[checks.size()];
        List<ScheduledCheck> sent = new ArrayList<>();
        synchronized (random) {
            for (int i = 0; i < checks.size(); i++) {
                fails[i] = random.nextDouble() < failureRate;
            }
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

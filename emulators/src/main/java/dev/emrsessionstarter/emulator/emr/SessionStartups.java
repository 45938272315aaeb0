package dev.emrsessionstarter.emulator.emr;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides the start-up outcome of each new session, first match wins: an outcome set for its client token, then one
 * queued for the next sessions (in creation order), then the {@link StartupPlan}, and without a plan the
 * {@link SessionTimings}: ready after SUBMITTED and STARTING. Thread-safe.
 */
final class SessionStartups {

    private final SessionTimings timings;
    private final Map<String, StartupOutcome> byClientToken = new HashMap<>();
    private final Deque<StartupOutcome> next = new ArrayDeque<>();
    private StartupPlan plan;

    SessionStartups(SessionTimings timings, StartupPlan plan) {
        this.timings = timings;
        this.plan = plan == null ? null : plan.requireComplete();
    }

    synchronized void plan(StartupPlan plan) {
        this.plan = plan == null ? null : plan.requireComplete();
    }

    synchronized void forClientToken(String clientToken, StartupOutcome outcome) {
        byClientToken.put(Objects.requireNonNull(clientToken, "clientToken"), Objects.requireNonNull(outcome));
    }

    synchronized void forNext(int count, StartupOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        for (int i = 0; i < count; i++) {
            next.add(outcome);
        }
    }

    /** The outcome of the session about to be created with {@code clientToken}; takes one queued outcome, if used. */
    synchronized StartupOutcome forNewSession(String clientToken) {
        StartupOutcome chosen = byClientToken.get(clientToken);
        if (chosen != null) {
            return chosen;
        }
        if (!next.isEmpty()) {
            return next.poll();
        }
        if (plan != null) {
            return plan.outcomeFor(clientToken);
        }
        return StartupOutcome.readyAfter(timings.submitted().plus(timings.starting()));
    }
}

package dev.emrsessionstarter.emulator.emr;

import java.time.Duration;
import java.time.Instant;

/**
 * When a session reaches each start-up state, from its creation time, the {@link SessionTimings} and its
 * {@link StartupOutcome}; null for a state it never reaches.
 *
 * @param startingAt when SUBMITTED turns into STARTING
 * @param startedAt when it is STARTED (ready)
 * @param idleAt when it is IDLE
 * @param failedAt when it is FAILED
 */
record StartupTimeline(Instant startingAt, Instant startedAt, Instant idleAt, Instant failedAt,
                       String failureDetails) {

    static StartupTimeline of(Instant createdAt, SessionTimings timings, StartupOutcome outcome) {
        Duration submitted = timings.submitted();
        if (outcome instanceof StartupOutcome.Ready ready) {
            Instant startedAt = createdAt.plus(ready.after());
            return new StartupTimeline(createdAt.plus(min(submitted, ready.after())), startedAt,
                    startedAt.plus(ready.startedFor()), null, null);
        }
        if (outcome instanceof StartupOutcome.Failed failed) {
            return new StartupTimeline(createdAt.plus(min(submitted, failed.after())), null, null,
                    createdAt.plus(failed.after()), failed.stateDetails());
        }
        return new StartupTimeline(createdAt.plus(submitted), null, null, null, null);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

package dev.emrsessionstarter.emulator.emr;

import java.time.Duration;

/**
 * How long a session stays in each transient state, measured on the emulator's clock: SUBMITTED for
 * {@code submitted}, then STARTING for {@code starting}, then IDLE; after TerminateSession (or the idle timeout),
 * TERMINATING for {@code terminating}, then TERMINATED. Zero durations skip a state. A {@link StartupPlan} replaces
 * the STARTING time with each session's own {@link StartupOutcome}.
 */
public record SessionTimings(Duration submitted, Duration starting, Duration terminating) {

    public SessionTimings {
        for (Duration duration : new Duration[] {submitted, starting, terminating}) {
            if (duration == null || duration.isNegative()) {
                throw new IllegalArgumentException("session step durations must be zero or positive");
            }
        }
    }

    /** Roughly what a real session takes, in the right order of magnitude. */
    public static SessionTimings defaults() {
        return new SessionTimings(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** Sessions are IDLE as soon as created and TERMINATED as soon as terminated. */
    public static SessionTimings instant() {
        return new SessionTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
}

package dev.emrsessionstarter.emulator.emr;

import java.time.Duration;
import java.util.Objects;

/**
 * How a new session's start-up ends, measured from its creation on the emulator's clock. Whatever the outcome, a
 * session is SUBMITTED for {@link SessionTimings#submitted()} (or until its outcome, if that comes sooner) and then
 * STARTING; TerminateSession, the idle timeout and {@link EmrServerlessEmulator#failSession} still apply on top.
 */
public sealed interface StartupOutcome permits StartupOutcome.Ready, StartupOutcome.Failed, StartupOutcome.NeverReady {

    /** What GetSession says of a session that failed to start, unless the outcome names its own details. */
    String DEFAULT_FAILURE_DETAILS = "Session failed to start.";

    /** STARTED {@code after} creation, IDLE straight away. */
    static Ready readyAfter(Duration after) {
        return new Ready(after, Duration.ZERO);
    }

    /** STARTED {@code after} creation, IDLE {@code startedFor} later. */
    static Ready readyAfter(Duration after, Duration startedFor) {
        return new Ready(after, startedFor);
    }

    static Failed failedAfter(Duration after) {
        return new Failed(after, DEFAULT_FAILURE_DETAILS);
    }

    /** FAILED {@code after} creation, with these {@code stateDetails} (String1024: 1-1024, not blank). */
    static Failed failedAfter(Duration after, String stateDetails) {
        return new Failed(after, stateDetails);
    }

    /** STARTING for ever: the session never becomes usable (until it is terminated or failed on command). */
    static NeverReady neverReady() {
        return new NeverReady();
    }

    /** The session is STARTED at {@code after}, then IDLE at {@code after + startedFor}: ready from {@code after}. */
    record Ready(Duration after, Duration startedFor) implements StartupOutcome {
        public Ready {
            requireNotNegative(after, "after");
            requireNotNegative(startedFor, "startedFor");
        }
    }

    /** The session is FAILED at {@code after}, never having started. */
    record Failed(Duration after, String stateDetails) implements StartupOutcome {
        public Failed {
            requireNotNegative(after, "after");
            Objects.requireNonNull(stateDetails, "stateDetails");
            if (!ModelShapes.STRING_1024.failures(stateDetails).isEmpty()) {
                throw new IllegalArgumentException("stateDetails must be 1-1024 characters, not all blank");
            }
        }
    }

    /** The session stays STARTING. */
    record NeverReady() implements StartupOutcome {
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
    }
}

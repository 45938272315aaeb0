package dev.emrsessionstarter.emulator.emr;

import java.time.Instant;

/**
 * An application in the emulator: its current configuration (state included), when it was created and changed, and,
 * while StartApplication is bringing it up, when it becomes STARTED. The state is read at an instant
 * ({@link #at(Instant)}), so a test that advances its clock sees STARTING turn into STARTED with no background thread.
 *
 * @param startedAt when a STARTING application becomes STARTED; null when no start is under way
 */
record RegisteredApplication(Application application, String arn, Instant createdAt, Instant updatedAt,
                             Instant startedAt) {

    RegisteredApplication withState(ApplicationState state, Instant now) {
        return new RegisteredApplication(application.toBuilder().state(state).build(), arn, createdAt, now, null);
    }

    /** STARTING now, STARTED from {@code startedAt} on (at once if it is not after {@code now}). */
    RegisteredApplication starting(Instant now, Instant startedAt) {
        if (!startedAt.isAfter(now)) {
            return withState(ApplicationState.STARTED, now);
        }
        return new RegisteredApplication(application.toBuilder().state(ApplicationState.STARTING).build(), arn,
                createdAt, now, startedAt);
    }

    /** The application as it is at {@code now}: STARTED (updated at {@code startedAt}) once a start has run. */
    RegisteredApplication at(Instant now) {
        if (startedAt == null || now.isBefore(startedAt)) {
            return this;
        }
        return withState(ApplicationState.STARTED, startedAt);
    }
}

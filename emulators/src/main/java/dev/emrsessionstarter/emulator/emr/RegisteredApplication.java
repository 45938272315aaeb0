package dev.emrsessionstarter.emulator.emr;

import java.time.Instant;

/** An application in the emulator: its current configuration (state included) and when it was created and changed. */
record RegisteredApplication(Application application, String arn, Instant createdAt, Instant updatedAt) {

    RegisteredApplication withState(ApplicationState state, Instant now) {
        return new RegisteredApplication(application.toBuilder().state(state).build(), arn, createdAt, now);
    }
}

package dev.emrsessionstarter.emulator.emr;

import java.time.Instant;

/** Where a session is at a given instant: its state and the timestamps the API reports. */
record SessionStatus(SessionState state, String stateDetails, Instant updatedAt, Instant startedAt,
                     Instant idleSince, Instant endedAt) {
}

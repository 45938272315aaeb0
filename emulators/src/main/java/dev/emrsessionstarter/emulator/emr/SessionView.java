package dev.emrsessionstarter.emulator.emr;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A read-only look at a session the emulator holds, for test assertions.
 *
 * @param parameters the request members that define the session ({@code executionRoleArn}, {@code name},
 *     {@code idleTimeoutMinutes}, {@code tags}, {@code configurationOverrides}), unknown members dropped
 * @param startup how its start-up was planned to end (a failure on command or termination may come first)
 * @param usage what it has used so far, as GetSession reports it
 */
public record SessionView(String applicationId, String sessionId, String arn, String clientToken, SessionState state,
                          String stateDetails, Instant createdAt, Instant updatedAt, Instant startedAt,
                          Instant endedAt, JsonNode parameters, StartupOutcome startup, SessionUsage usage) {

    static SessionView of(StoredSession session, Instant now, UsageRates rates) {
        SessionStatus status = session.statusAt(now);
        return new SessionView(session.applicationId(), session.sessionId(), session.arn(),
                session.request().clientToken(), status.state(), status.stateDetails(), session.createdAt(),
                status.updatedAt(), status.startedAt(), status.endedAt(), session.request().parameters().deepCopy(),
                session.startup(), SessionUsage.of(status, now, rates));
    }
}

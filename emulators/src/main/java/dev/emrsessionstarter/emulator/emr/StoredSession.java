package dev.emrsessionstarter.emulator.emr;

import java.time.Duration;
import java.time.Instant;

/**
 * A session the emulator created. Its state is not stored but computed from the clock: the creation time, the step
 * durations, and when termination or failure was requested. So a test that advances its clock sees the session move
 * on, with no background thread. Termination and failure are set under the owning store's lock.
 */
final class StoredSession {

    private final String applicationId;
    private final String sessionId;
    private final String arn;
    private final String releaseLabel;
    private final String createdBy;
    private final SessionRequest request;
    private final Instant createdAt;
    private final SessionTimings timings;
    private Instant terminationRequestedAt;
    private Instant failedAt;
    private String failureDetails;

    StoredSession(String applicationId, String sessionId, String arn, String releaseLabel, String createdBy,
                  SessionRequest request, Instant createdAt, SessionTimings timings) {
        this.applicationId = applicationId;
        this.sessionId = sessionId;
        this.arn = arn;
        this.releaseLabel = releaseLabel;
        this.createdBy = createdBy;
        this.request = request;
        this.createdAt = createdAt;
        this.timings = timings;
    }

    String applicationId() {
        return applicationId;
    }

    String sessionId() {
        return sessionId;
    }

    String arn() {
        return arn;
    }

    String releaseLabel() {
        return releaseLabel;
    }

    String createdBy() {
        return createdBy;
    }

    SessionRequest request() {
        return request;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** Starts termination at {@code now} unless the session is already terminating, terminated or failed. */
    synchronized void terminate(Instant now) {
        if (!isWindingDown(statusAt(now).state())) {
            terminationRequestedAt = now;
        }
    }

    /** Fails the session at {@code now} unless it has already ended. */
    synchronized void fail(Instant now, String details) {
        if (!statusAt(now).state().isTerminal()) {
            failedAt = now;
            failureDetails = details;
        }
    }

    synchronized SessionStatus statusAt(Instant now) {
        if (failedAt != null && !now.isBefore(failedAt)) {
            return new SessionStatus(SessionState.FAILED, failureDetails, failedAt, startedAt(failedAt),
                    idleSince(failedAt), failedAt);
        }
        Instant idleAt = createdAt.plus(timings.submitted()).plus(timings.starting());
        Instant terminationStart = terminationStart(idleAt);
        if (terminationStart != null && !now.isBefore(terminationStart)) {
            Instant terminatedAt = terminationStart.plus(timings.terminating());
            String reason = terminationRequestedAt != null && terminationRequestedAt.equals(terminationStart)
                    ? "Session terminated by request." : "Session terminated after its idle timeout.";
            if (!now.isBefore(terminatedAt)) {
                return new SessionStatus(SessionState.TERMINATED, reason, terminatedAt,
                        startedAt(terminationStart), idleSince(terminationStart), terminatedAt);
            }
            return new SessionStatus(SessionState.TERMINATING, reason, terminationStart,
                    startedAt(terminationStart), idleSince(terminationStart), null);
        }
        if (!now.isBefore(idleAt)) {
            return new SessionStatus(SessionState.IDLE, "Session is idle and ready for connections.", idleAt, idleAt,
                    idleAt, null);
        }
        Instant startingAt = createdAt.plus(timings.submitted());
        if (!now.isBefore(startingAt)) {
            return new SessionStatus(SessionState.STARTING, "Session is starting.", startingAt, null, null, null);
        }
        return new SessionStatus(SessionState.SUBMITTED, "Session is submitted.", createdAt, null, null, null);
    }

    /** The earlier of the requested termination and the idle timeout (0 means no idle timeout here). */
    private Instant terminationStart(Instant idleAt) {
        long idleTimeoutMinutes = request.idleTimeoutMinutes();
        Instant idleTimeoutAt = idleTimeoutMinutes > 0 ? idleAt.plus(Duration.ofMinutes(idleTimeoutMinutes)) : null;
        if (terminationRequestedAt == null) {
            return idleTimeoutAt;
        }
        if (idleTimeoutAt == null) {
            return terminationRequestedAt;
        }
        return idleTimeoutAt.isBefore(terminationRequestedAt) ? idleTimeoutAt : terminationRequestedAt;
    }

    private Instant startedAt(Instant endOfLife) {
        Instant idleAt = createdAt.plus(timings.submitted()).plus(timings.starting());
        return endOfLife.isBefore(idleAt) ? null : idleAt;
    }

    private Instant idleSince(Instant endOfLife) {
        return startedAt(endOfLife);
    }

    private static boolean isWindingDown(SessionState state) {
        return state == SessionState.TERMINATING || state.isTerminal();
    }
}

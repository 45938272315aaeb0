package dev.emrsessionstarter.emulator.emr;

import java.time.Duration;
import java.time.Instant;

/**
 * A session the emulator created. Its state is not stored but computed from the clock: the creation time, its
 * {@link StartupTimeline}, and when termination or failure was requested. So a test that advances its clock sees the
 * session move on, with no background thread. Termination and failure are set under the owning store's lock.
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
    private final StartupOutcome startup;
    private final StartupTimeline timeline;
    private Instant terminationRequestedAt;
    private Instant failedAt;
    private String failureDetails;

    StoredSession(String applicationId, String sessionId, String arn, String releaseLabel, String createdBy,
                  SessionRequest request, Instant createdAt, SessionTimings timings, StartupOutcome startup) {
        this.applicationId = applicationId;
        this.sessionId = sessionId;
        this.arn = arn;
        this.releaseLabel = releaseLabel;
        this.createdBy = createdBy;
        this.request = request;
        this.createdAt = createdAt;
        this.timings = timings;
        this.startup = startup;
        this.timeline = StartupTimeline.of(createdAt, timings, startup);
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

    StartupOutcome startup() {
        return startup;
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

    /**
     * The first of these that has happened decides: a failure on command, a failed start-up (unless termination
     * began before it), termination (on request or after the idle timeout); otherwise the start-up state.
     */
    synchronized SessionStatus statusAt(Instant now) {
        if (failedAt != null && !now.isBefore(failedAt)) {
            return new SessionStatus(SessionState.FAILED, failureDetails, failedAt, startedAt(failedAt),
                    idleSince(failedAt), failedAt);
        }
        Instant terminationStart = terminationStart();
        Instant failedStart = timeline.failedAt();
        if (failedStart != null && !now.isBefore(failedStart)
                && (terminationStart == null || failedStart.isBefore(terminationStart))) {
            return new SessionStatus(SessionState.FAILED, timeline.failureDetails(), failedStart, null, null,
                    failedStart);
        }
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
        Instant idleAt = timeline.idleAt();
        if (idleAt != null && !now.isBefore(idleAt)) {
            return new SessionStatus(SessionState.IDLE, "Session is idle and ready for connections.", idleAt,
                    timeline.startedAt(), idleAt, null);
        }
        Instant startedAt = timeline.startedAt();
        if (startedAt != null && !now.isBefore(startedAt)) {
            return new SessionStatus(SessionState.STARTED, "Session has started and is ready for connections.",
                    startedAt, startedAt, null, null);
        }
        if (!now.isBefore(timeline.startingAt())) {
            return new SessionStatus(SessionState.STARTING, "Session is starting.", timeline.startingAt(), null, null,
                    null);
        }
        return new SessionStatus(SessionState.SUBMITTED, "Session is submitted.", createdAt, null, null, null);
    }

    /**
     * When the session becomes FAILED or TERMINATED as things stand (a later command may bring it forward), or null if
     * it never ends by itself: the instant from which {@link #statusAt} gives a terminal state.
     */
    synchronized Instant endsAt() {
        Instant terminationStart = terminationStart();
        Instant failedStart = timeline.failedAt();
        Instant natural;
        if (failedStart != null && (terminationStart == null || failedStart.isBefore(terminationStart))) {
            natural = failedStart;
        } else {
            natural = terminationStart == null ? null : terminationStart.plus(timings.terminating());
        }
        if (failedAt == null) {
            return natural;
        }
        return natural == null || failedAt.isBefore(natural) ? failedAt : natural;
    }

    /** The earlier of the requested termination and the idle timeout, which runs from IDLE (0: none here). */
    private Instant terminationStart() {
        long idleTimeoutMinutes = request.idleTimeoutMinutes();
        Instant idleAt = timeline.idleAt();
        Instant idleTimeoutAt = idleTimeoutMinutes > 0 && idleAt != null
                ? idleAt.plus(Duration.ofMinutes(idleTimeoutMinutes)) : null;
        if (terminationRequestedAt == null) {
            return idleTimeoutAt;
        }
        if (idleTimeoutAt == null) {
            return terminationRequestedAt;
        }
        return idleTimeoutAt.isBefore(terminationRequestedAt) ? idleTimeoutAt : terminationRequestedAt;
    }

    /** When the session started, if it had by {@code endOfLife}. */
    private Instant startedAt(Instant endOfLife) {
        Instant startedAt = timeline.startedAt();
        return startedAt != null && !endOfLife.isBefore(startedAt) ? startedAt : null;
    }

    private Instant idleSince(Instant endOfLife) {
        Instant idleAt = timeline.idleAt();
        return idleAt != null && !endOfLife.isBefore(idleAt) ? idleAt : null;
    }

    private static boolean isWindingDown(SessionState state) {
        return state == SessionState.TERMINATING || state.isTerminal();
    }
}

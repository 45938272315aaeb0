package dev.emrsessionstarter.core.watching;

import dev.emrsessionstarter.core.outcome.SessionFacts;
import java.time.Instant;

/**
 * One pending look at a started session, as it waits on the watch queue.
 *
 * @param startedAt when the request ended started: the watch's timeout counts from here
 * @param checks the GetSession reads made so far
 * @param taskToken the Step Functions task waiting for the session, or null; a credential, never printed
 */
public record ReadinessCheck(SessionFacts session, Instant startedAt, int checks, String taskToken, Purpose purpose) {

    /** What the watch waits for. */
    public enum Purpose {
        /** A started session becoming usable: ends with Ready, Failed or Not Ready. */
        READINESS,
        /** A session a terminate request ended reaching TERMINATED, for the task waiting on it: no event. */
        TERMINATION,
        /** A session after its start-up, until it ends: Session Ended or Still Running. */
        FOLLOW
    }

    public ReadinessCheck(SessionFacts session, Instant startedAt, int checks, String taskToken) {
        this(session, startedAt, checks, taskToken, Purpose.READINESS);
    }

    /** The check after this one's read. */
    public ReadinessCheck next() {
        return new ReadinessCheck(session, startedAt, checks + 1, taskToken, purpose);
    }

    public boolean followsTermination() {
        return purpose == Purpose.TERMINATION;
    }

    public boolean followsToEnd() {
        return purpose == Purpose.FOLLOW;
    }

    /** The first check after the start-up: its task, if any, is complete, so the token stays behind. */
    public ReadinessCheck following() {
        return new ReadinessCheck(session, startedAt, checks, null, Purpose.FOLLOW);
    }

    @Override
    public String toString() {
        return "ReadinessCheck[session=" + session + ", startedAt=" + startedAt + ", checks=" + checks + ", taskToken="
                + (taskToken == null ? null : "****") + ", purpose=" + purpose + "]";
    }
}

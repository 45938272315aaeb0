package dev.emrsessionstarter.emulator.emr;

/** The EMR Serverless SessionState enum. */
public enum SessionState {
    SUBMITTED, STARTING, STARTED, IDLE, BUSY, FAILED, TERMINATING, TERMINATED;

    /** The model does not say; FAILED and TERMINATED are the states documented as having an {@code endedAt}. */
    public boolean isTerminal() {
        return this == FAILED || this == TERMINATED;
    }
}

package dev.emrsessionstarter.core.outcome;

/** How a request ended this time: started, rejected for good, or failed for now. */
public sealed interface Outcome {

    /** StartSession returned a session. */
    record Started(StartedSession session) implements Outcome {
    }

    /** A retry cannot succeed: the request is acknowledged and a final failure event says why. */
    record Rejected(ErrorInfo error) implements Outcome {
    }

    /** A retry may succeed: the request goes back to its trigger to be tried again. */
    record Failed(ErrorInfo error) implements Outcome {
    }
}

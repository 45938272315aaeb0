package dev.emrsessionstarter.harness.sqs;

/**
 * The execution environment died in the middle of an invocation (out of memory, a timeout, a killed process). An
 * {@link Error}, so that nothing in the function mistakes it for a failure it can handle: the invocation ends without
 * a response, as a real crash ends it.
 */
public final class SimulatedCrash extends Error {

    private static final long serialVersionUID = 1L;

    public SimulatedCrash(String message) {
        super(message, null, false, false);
    }
}

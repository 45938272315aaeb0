package dev.emrsessionstarter.harness.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.function.Supplier;

/**
 * Plays Lambda's execution environments for one function: one instance of the function serves invocations one after
 * the other until an invocation ends in an error or a crash; the next invocation then gets a new instance (a cold
 * start), as Lambda replaces an environment whose runtime died.
 *
 * <p>A retired instance is {@linkplain SqsFunction#close() closed} before the failure is passed on, as the end of an
 * environment frees everything in it: its threads and clients do not outlive it, however many environments a run
 * goes through. {@link #close()} closes the current one.
 */
public final class ExecutionEnvironments implements SqsFunction {

    private final Supplier<? extends SqsFunction> coldStart;
    private SqsFunction current;
    private int started;

    /** @param coldStart builds a new instance of the function, as an execution environment's init phase does */
    public ExecutionEnvironments(Supplier<? extends SqsFunction> coldStart) {
        this.coldStart = coldStart;
    }

    @Override
    public synchronized SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        if (current == null) {
            current = coldStart.get();
            started++;
        }
        try {
            return current.handleRequest(event, context);
        } catch (RuntimeException | Error failure) {
            SqsFunction retired = current;
            current = null;
            try {
                retired.close();
            } catch (RuntimeException closeFailed) {
                failure.addSuppressed(closeFailed);
            }
            throw failure;
        }
    }

    /** How many environments have been started (1 + the number replaced). */
    public synchronized int started() {
        return started;
    }

    /** Ends the current environment, if there is one; the next invocation starts a new one. */
    @Override
    public synchronized void close() {
        SqsFunction retired = current;
        current = null;
        if (retired != null) {
            retired.close();
        }
    }
}

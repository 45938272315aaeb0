package dev.emrsessionstarter.harness.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** One execution environment: a local Runtime API and the runtime process serving it, started together. */
public final class ExecutionEnvironment implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final RuntimeApiServer api;
    private final RuntimeProcess process;

    private ExecutionEnvironment(RuntimeApiServer api, RuntimeProcess process) {
        this.api = api;
        this.process = process;
    }

    /** Starts the runtime for {@code function} from {@code taskRoot}; {@code settings} adds endpoints, options... */
    public static ExecutionEnvironment start(LambdaFunction function, Path taskRoot,
            Consumer<RuntimeProcess.Builder> settings) {
        RuntimeApiServer api = RuntimeApiServer.start(function.logicalId());
        try {
            RuntimeProcess.Builder builder = RuntimeProcess.builder(function, taskRoot, api.address());
            settings.accept(builder);
            return new ExecutionEnvironment(api, builder.start());
        } catch (RuntimeException failed) {
            api.close();
            throw failed;
        }
    }

    public RuntimeApiServer api() {
        return api;
    }

    public RuntimeProcess process() {
        return process;
    }

    /**
     * Waits until the runtime asks for {@code restore/next} (launched with {@code snap-start}: its
     * {@code beforeCheckpoint} hooks ran without error); fails at once if it reports an error or exits instead.
     *
     * @return when it asked, in {@link System#nanoTime()}
     */
    public long awaitRestore() {
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (!api.restoreNext().isDone()) {
            String problem = api.initError().isDone() ? "the runtime reported an error: " + api.initError().join()
                    : !process.isAlive() ? "the runtime process exited"
                    : System.nanoTime() > giveUp ? "no restore/next within " + PATIENCE : null;
            if (problem != null) {
                throw new IllegalStateException(problem + "\nruntime output:\n" + process.output());
            }
            try {
                api.restoreNext().get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException notYet) {
                // checked again above
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", interrupted);
            }
        }
        return api.restoreNext().join();
    }

    /** Invokes with a fresh request id and waits for the answer; fails with the runtime's output if none comes. */
    public InvocationResult invoke(byte[] payload) {
        return invoke(UUID.randomUUID().toString(), payload);
    }

    public InvocationResult invoke(String requestId, byte[] payload) {
        CompletableFuture<InvocationResult> result = api.submit(requestId, payload, PATIENCE);
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                return result.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                String problem = !process.isAlive() ? "the runtime process exited"
                        : api.initError().isDone() ? "the runtime reported an init error: " + api.initError().join()
                        : System.nanoTime() > giveUp ? "no answer from the runtime within " + PATIENCE : null;
                if (problem != null) {
                    throw new IllegalStateException(problem + "\nruntime output:\n" + process.output());
                }
            } catch (ExecutionException failed) {
                throw new IllegalStateException(failed.getCause().getMessage() + "\nruntime output:\n"
                        + process.output(), failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", interrupted);
            }
        }
    }

    /** Like {@link #invoke(byte[])}, but only a {@code /response} will do. */
    public InvocationResult.Response invokeSuccessfully(byte[] payload) {
        InvocationResult result = invoke(payload);
        if (result instanceof InvocationResult.Response response) {
            return response;
        }
        throw new IllegalStateException("the function failed: " + result + "\nruntime output:\n" + process.output());
    }

    @Override
    public void close() {
        process.close();
        api.close();
    }
}

package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.retry.Deadline;
import dev.emrsessionstarter.wiring.FunctionComponents;
import dev.emrsessionstarter.wiring.SnapStartPriming;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What every entry point shares: the components it runs on (built once per execution environment for Lambda, handed
 * in by tests), what each invocation does around its work (cold-start metric, JSON logging with the Lambda context,
 * metrics flush), its deadline, and closing. Public because the Lambda runtime calls the inherited methods.
 */
public abstract class FunctionHandler implements RequestStreamHandler, AutoCloseable {

    /** Used when no context tells the time left, as when a handler is called outside Lambda. */
    static final Duration DEFAULT_REMAINING = Duration.ofSeconds(60);

    final FunctionComponents components;
    final InvocationMetrics metrics;
    /** Held for the runtime's CRaC context, which keeps its resources only weakly. */
    private final SnapStartPriming priming;

    /**
     * For the no-argument constructors Lambda calls: settings from the environment (a bad one stops the function here,
     * naming it), clients built once per execution environment, and the SnapStart hook that primes them.
     */
    FunctionHandler(Settings.QueueTrigger queueTrigger) {
        this(FunctionComponents.fromEnvironment(queueTrigger), InvocationMetrics.powertools());
        SnapStartPriming.register(priming);
    }

    /** For tests and local hosts: the components and metrics they assembled. */
    FunctionHandler(FunctionComponents components, InvocationMetrics metrics) {
        this.components = components;
        this.metrics = metrics;
        this.priming = components.priming();
    }

    /**
     * Closes the components this handler runs on (see {@link FunctionComponents#close()}). Lambda never calls it; a
     * host that retires an execution environment in a live JVM does.
     */
    @Override
    public void close() {
        components.close();
    }

    final <T> T invoke(Context context, Supplier<T> work) {
        if (context != null) {
            metrics.captureColdStart(context);
        }
        try {
            return context == null ? work.get() : PowertoolsLogging.withLogging(context, work);
        } finally {
            metrics.flush();
        }
    }

    static String requestId(Context context) {
        return context == null ? null : context.getAwsRequestId();
    }

    static Deadline deadline(Context context) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return Deadline.in(DEFAULT_REMAINING);
        }
        return Deadline.in(Duration.ofMillis(context.getRemainingTimeInMillis()));
    }
}

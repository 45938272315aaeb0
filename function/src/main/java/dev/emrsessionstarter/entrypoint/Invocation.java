package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import dev.emrsessionstarter.core.retry.Deadline;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** What every handler does around its work: cold-start metric, JSON logging with the Lambda context, metrics flush. */
final class Invocation {

    /** Used when no context tells the time left, as when a handler is called outside Lambda. */
    static final Duration DEFAULT_REMAINING = Duration.ofSeconds(60);

    private Invocation() {
    }

    static <T> T run(Context context, InvocationMetrics metrics, Supplier<T> work) {
        if (context != null) {
            metrics.captureColdStart(context);
        }
        try {
            return context == null ? work.get() : PowertoolsLogging.withLogging(context, work);
        } finally {
            metrics.flush();
        }
    }

    static Deadline deadline(Context context) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return Deadline.in(DEFAULT_REMAINING);
        }
        return Deadline.in(Duration.ofMillis(context.getRemainingTimeInMillis()));
    }
}

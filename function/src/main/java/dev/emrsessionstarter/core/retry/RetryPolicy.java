package dev.emrsessionstarter.core.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How often and how patiently to retry within one invocation.
 *
 * <p>Backoff is "full jitter": before retry {@code n} (1-based) wait a uniformly random time in
 * {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}, so that the many invocations a throttled batch produces do not
 * retry in lockstep. With the defaults for StartSession (3 attempts, 200 ms base, 2 s cap) the worst case waits
 * 0.2 + 0.4 = 0.6 s in all.
 *
 * <p>Every attempt must fit in the invocation's remaining time minus {@code reserve}, the time kept back to publish
 * outcome events and answer Lambda; what does not fit is left to the trigger's own retry.
 *
 * @param maxAttempts attempts in all, the first included
 * @param attemptTimeout the longest one attempt may take
 * @param minimumAttempt an attempt given less time than this is not worth starting
 * @param reserve the time kept back at the end of the invocation
 */
public record RetryPolicy(
        int maxAttempts,
        Duration baseDelay,
        Duration maxDelay,
        Duration attemptTimeout,
        Duration minimumAttempt,
        Duration reserve) {

    public static RetryPolicy startSessionDefaults() {
        return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofMillis(500), Duration.ofSeconds(5));
    }

    public static RetryPolicy publishDefaults() {
        return new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofMillis(250), Duration.ZERO);
    }

    /** The wait before retry {@code retryNumber} (1 for the first retry). */
    public Duration backoff(int retryNumber, DoubleSupplier uniform) {
        long ceiling = baseDelay.toNanos() << Math.min(retryNumber - 1, 30);
        if (ceiling <= 0 || ceiling > maxDelay.toNanos()) {
            ceiling = maxDelay.toNanos();
        }
        return Duration.ofNanos((long) (uniform.getAsDouble() * ceiling));
    }

    /**
     * The timeout for the next attempt, or empty when it no longer fits.
     *
     * @param reserveNow the reserve for this invocation (see {@link #reserveFor})
     * @param wait the backoff to sleep before the attempt
     */
    public Optional<Duration> nextAttemptTimeout(Deadline deadline, Duration reserveNow, Duration wait) {
        Duration available = deadline.remaining().minus(reserveNow).minus(wait);
        if (available.compareTo(minimumAttempt) < 0) {
            return Optional.empty();
        }
        return Optional.of(available.compareTo(attemptTimeout) < 0 ? available : attemptTimeout);
    }

    /** The reserve, but never more than a quarter of a short invocation. */
    public Duration reserveFor(Deadline deadline) {
        Duration quarter = deadline.total().dividedBy(4);
        return quarter.compareTo(reserve) < 0 ? quarter : reserve;
    }
}

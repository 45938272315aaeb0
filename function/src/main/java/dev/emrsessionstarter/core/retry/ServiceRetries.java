package dev.emrsessionstarter.core.retry;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.port.ServiceCall;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/** Calls a service again while its errors are brief and the policy and the invocation's time allow. */
public final class ServiceRetries {

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    public ServiceRetries(RetryPolicy policy, Sleeper sleeper, DoubleSupplier jitter) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /**
     * @param attempt one call, given its timeout
     * @param brief whether an error is worth trying again at once
     * @return the first answer, or the last error (out of time: {@link ErrorCodes#INSUFFICIENT_TIME_REMAINING})
     */
    public <T> ServiceCall<T> call(Function<Duration, ServiceCall<T>> attempt,
            Predicate<ServiceCall.Failed<T>> brief, Deadline deadline) {
        ServiceCall<T> last = ServiceCall.Failed.of(ErrorCodes.INSUFFICIENT_TIME_REMAINING,
                "too little of the invocation was left for the call", true);
        Duration wait = Duration.ZERO;
        for (int number = 1; number <= policy.maxAttempts(); number++) {
            Optional<Duration> timeout = policy.nextAttemptTimeout(deadline, policy.reserveFor(deadline), wait);
            if (timeout.isEmpty() || !sleeper.pause(wait)) {
                return last;
            }
            last = attempt.apply(timeout.get());
            if (last instanceof ServiceCall.Answered<T> || !brief.test((ServiceCall.Failed<T>) last)) {
                return last;
            }
            wait = policy.backoff(number, jitter);
        }
        return last;
    }
}

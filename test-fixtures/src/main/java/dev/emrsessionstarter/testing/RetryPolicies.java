package dev.emrsessionstarter.testing;

import dev.emrsessionstarter.core.retry.RetryPolicy;
import java.time.Duration;

/** The production retry policies, changed where a test must not wait or wants fewer attempts. */
public final class RetryPolicies {

    private RetryPolicies() {
    }

    /** The same policy, backing off for milliseconds instead of seconds. */
    public static RetryPolicy quick(RetryPolicy policy) {
        return new RetryPolicy(policy.maxAttempts(), Duration.ofMillis(1), Duration.ofMillis(5),
                policy.attemptTimeout(), policy.minimumAttempt(), policy.reserve());
    }

    /** The same policy with another number of attempts. */
    public static RetryPolicy withAttempts(RetryPolicy policy, int attempts) {
        return new RetryPolicy(attempts, policy.baseDelay(), policy.maxDelay(), policy.attemptTimeout(),
                policy.minimumAttempt(), policy.reserve());
    }
}

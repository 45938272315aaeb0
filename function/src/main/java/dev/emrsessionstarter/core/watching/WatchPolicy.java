package dev.emrsessionstarter.core.watching;

import java.time.Duration;

/**
 * How a started session is followed to the end of its start-up: the first check after {@code firstCheck}, each next
 * one twice as late up to {@code maxCheck}, until {@code timeout} has passed since the start.
 *
 * @param terminateUnready whether a session that is not ready in time is terminated
 */
public record WatchPolicy(Duration firstCheck, Duration maxCheck, Duration timeout, boolean terminateUnready) {

    /** SQS's longest message delay. */
    public static final Duration LONGEST_DELAY = Duration.ofSeconds(900);

    public WatchPolicy {
        if (firstCheck.isZero() || firstCheck.isNegative() || firstCheck.compareTo(maxCheck) > 0
                || maxCheck.compareTo(LONGEST_DELAY) > 0) {
            throw new IllegalArgumentException("checks need 0 < firstCheck <= maxCheck <= 900 s");
        }
    }

    /** The wait before check number {@code check} (1 for the first): doubling from the first, capped. */
    public Duration delayBefore(int check) {
        Duration delay = firstCheck;
        for (int i = 1; i < check && delay.compareTo(maxCheck) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxCheck) > 0 ? maxCheck : delay;
    }
}

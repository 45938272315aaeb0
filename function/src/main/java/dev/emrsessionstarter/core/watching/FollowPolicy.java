package dev.emrsessionstarter.core.watching;

import java.time.Duration;

/**
 * How a session is followed after its start-up, until it ends (docs/contract.md section 9): a check every
 * {@code cadence}, until it ends or {@code maxAge} has passed since the session's {@code createdAt}.
 *
 * @param enabled whether the watch follows sessions to their end at all
 */
public record FollowPolicy(boolean enabled, Duration cadence, Duration maxAge) {

    public FollowPolicy {
        if (cadence.compareTo(Duration.ofMinutes(1)) < 0 || cadence.compareTo(WatchPolicy.LONGEST_DELAY) > 0) {
            throw new IllegalArgumentException("the follow-to-end cadence is 1 to 15 minutes");
        }
    }

    public static FollowPolicy off() {
        return new FollowPolicy(false, WatchPolicy.LONGEST_DELAY, Duration.ofHours(48));
    }
}

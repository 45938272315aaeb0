package dev.emrsessionstarter.emulator.stepfunctions;

import java.time.Duration;

/**
 * A task state's {@code TimeoutSeconds} and {@code HeartbeatSeconds} (Amazon States Language), run on the emulator's
 * clock; null for none. Without TimeoutSeconds a callback task waits up to a year, for the emulator: for ever.
 *
 * <pre>{@code TaskTimeouts.none().heartbeatSeconds(60).timeoutSeconds(3600)}</pre>
 */
public record TaskTimeouts(Duration heartbeat, Duration timeout) {

    public TaskTimeouts {
        requirePositive(heartbeat, "HeartbeatSeconds");
        requirePositive(timeout, "TimeoutSeconds");
        if (heartbeat != null && timeout != null && heartbeat.compareTo(timeout) >= 0) {
            // The States Language rule: a heartbeat interval must be shorter than the whole timeout.
            throw new IllegalArgumentException("HeartbeatSeconds must be smaller than TimeoutSeconds");
        }
    }

    public static TaskTimeouts none() {
        return new TaskTimeouts(null, null);
    }

    /** The task times out when no heartbeat (and no completion) arrives within this many seconds. */
    public TaskTimeouts heartbeatSeconds(long seconds) {
        return new TaskTimeouts(Duration.ofSeconds(seconds), timeout);
    }

    /** The task times out this many seconds after it was issued, heartbeats or not. */
    public TaskTimeouts timeoutSeconds(long seconds) {
        return new TaskTimeouts(heartbeat, Duration.ofSeconds(seconds));
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException(name + " must be a positive number of seconds: " + duration);
        }
    }
}

package dev.emrsessionstarter.core.port;

import java.time.Duration;

/**
 * A readiness check to send to the watch queue.
 *
 * @param body the check as JSON text; it may hold a task token, so it is never logged
 * @param delay how long the queue keeps it invisible (SQS allows 0 to 900 seconds)
 */
public record ScheduledCheck(String body, Duration delay) {

    @Override
    public String toString() {
        return "ScheduledCheck[delay=" + delay + "]";
    }
}

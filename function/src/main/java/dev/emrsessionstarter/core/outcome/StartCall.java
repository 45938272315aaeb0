package dev.emrsessionstarter.core.outcome;

import java.time.Duration;

/**
 * One StartSession call: how long it took and, if it failed, the error code.
 *
 * @param errorCode null when the call returned a session
 */
public record StartCall(Duration latency, String errorCode) {
}

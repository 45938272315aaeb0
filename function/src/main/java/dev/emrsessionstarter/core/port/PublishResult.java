package dev.emrsessionstarter.core.port;

/** What became of one outcome event. */
public sealed interface PublishResult {

    record Delivered(String eventId) implements PublishResult {
    }

    /** @param retryable whether sending the same event again may succeed */
    record Failed(String code, String message, boolean retryable) implements PublishResult {
    }
}

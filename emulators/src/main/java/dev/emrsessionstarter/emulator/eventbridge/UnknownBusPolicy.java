package dev.emrsessionstarter.emulator.eventbridge;

/**
 * What PutEvents does with an entry for an event bus the emulator does not know.
 *
 * <p>Real EventBridge has been reported to accept such entries and return an EventId, silently losing the event
 * (aws/aws-cli#9186, aws/aws-sdk#186, aws/aws-sdk-java-v2#3155); AWS said in 2024 that it changed this, yet a run
 * recorded against AWS on 2025-01-08 still got an EventId (localstack/localstack
 * tests/aws/services/events/test_events.snapshot.json, test_put_events_nonexistent_event_bus). {@link #REJECT_ENTRY},
 * the default, fails the entry instead, so a misconfigured bus name shows up in tests; {@link #ACCEPT_AND_DISCARD}
 * reproduces what AWS does.
 */
public enum UnknownBusPolicy {
    /** The entry fails with {@code InvalidArgument} (non-retryable). */
    REJECT_ENTRY,
    /** The entry gets an EventId but no event is recorded. */
    ACCEPT_AND_DISCARD
}

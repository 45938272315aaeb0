package dev.emrsessionstarter.emulator.fault;

/**
 * What can go wrong with a whole API call. Each emulator maps these onto its service's wire format (for example
 * {@link #THROTTLING} is 429 {@code ThrottlingException} on EMR Serverless but 400 {@code ThrottlingException} on
 * EventBridge).
 */
public enum CallFault {
    /** A 500 server error, decided before any state changes. */
    INTERNAL_ERROR,
    /** A throttling error, decided before any state changes. */
    THROTTLING,
    /** The connection is closed without a response, before any state changes. */
    DROP_CONNECTION,
    /** 403 {@code AccessDeniedException}, as IAM answers a caller without the permission (or the role to pass). */
    ACCESS_DENIED,
    /**
     * The call takes effect (a session is created, events are recorded), then a 500 is returned: the nastiest case for
     * idempotency, because the caller cannot know the work was done.
     */
    FAIL_AFTER_COMMIT,
    /** The call takes effect, then the connection is closed without a response (a timeout after commit). */
    DROP_AFTER_COMMIT;

    public boolean commitsFirst() {
        return this == FAIL_AFTER_COMMIT || this == DROP_AFTER_COMMIT;
    }
}

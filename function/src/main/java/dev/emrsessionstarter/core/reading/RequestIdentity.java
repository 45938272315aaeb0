package dev.emrsessionstarter.core.reading;

/**
 * What makes a retry "the same request": the value the client token is derived from, and where it came from.
 */
public record RequestIdentity(String value, Source source) {

    /** Where an identity came from, most trustworthy first. */
    public enum Source {
        /** The producer's own {@code idempotencyKey}: survives re-sends, on every trigger. */
        IDEMPOTENCY_KEY("idempotency-key"),
        /** An EventBridge event {@code id}: stable across EventBridge's and Lambda's retries. */
        EVENTBRIDGE_EVENT_ID("eventbridge-event-id"),
        /** An SNS {@code MessageId}, for an SQS body that is an SNS notification. */
        SNS_MESSAGE_ID("sns-message-id"),
        /** An SQS {@code messageId}: stable across redeliveries of one message. */
        SQS_MESSAGE_ID("sqs-message-id"),
        /** A Lambda request id: stable only across Lambda's own retries of an asynchronous invocation. */
        LAMBDA_REQUEST_ID("lambda-request-id");

        private final String wireName;

        Source(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public RequestIdentity {
        if (value == null) {
            throw new IllegalArgumentException("A request identity needs a value");
        }
    }
}

package dev.emrsessionstarter.harness.soak;

import dev.emrsessionstarter.core.outcome.ErrorCodes;

/**
 * One request of the soak traffic.
 *
 * @param number its number in the run; valid requests carry it in their {@code soakRequest} tag, so every StartSession
 *     call can be traced to its request
 * @param fixedIdentity the identity the function must derive (idempotencyKey, EventBridge or SNS id), or null when it
 *     is the SQS message id
 * @param applicationId the application a valid request targets, or null
 * @param secret the configuration property value planted in it, which must never be logged or published
 */
record PlannedRequest(int number, Kind kind, String body, String fixedIdentity, String applicationId, String secret) {

    /** What sort of request it is; the invalid sorts name the error code the rejection must carry. */
    enum Kind {
        PLAIN(null),
        KEYED(null),
        SENT_TWICE(null),
        IN_EVENTBRIDGE_ENVELOPE(null),
        IN_SNS_NOTIFICATION(null),
        NOT_JSON(ErrorCodes.INVALID_SESSION_REQUEST),
        JSON_ARRAY(ErrorCodes.INVALID_SESSION_REQUEST),
        UNKNOWN_FIELD(ErrorCodes.INVALID_SESSION_REQUEST),
        OUT_OF_RANGE(ErrorCodes.INVALID_SESSION_REQUEST),
        WRONG_TYPES(ErrorCodes.INVALID_SESSION_REQUEST),
        DUPLICATE_KEY(ErrorCodes.INVALID_SESSION_REQUEST),
        OVERLONG_SECRET(ErrorCodes.INVALID_SESSION_REQUEST),
        TOO_DEEP(ErrorCodes.INVALID_SESSION_REQUEST),
        ENVELOPE_WITHOUT_DETAIL(ErrorCodes.INVALID_SESSION_REQUEST),
        ROLE_NOT_ALLOWED(ErrorCodes.SESSION_REQUEST_NOT_ALLOWED),
        APPLICATION_NOT_ALLOWED(ErrorCodes.SESSION_REQUEST_NOT_ALLOWED);

        private final String rejectionCode;

        Kind(String rejectionCode) {
            this.rejectionCode = rejectionCode;
        }

        boolean valid() {
            return rejectionCode == null;
        }

        String rejectionCode() {
            return rejectionCode;
        }
    }

    boolean valid() {
        return kind.valid();
    }

    /** The identity the function must give the request, once its message id is known. */
    String identity(String messageId) {
        return fixedIdentity != null ? fixedIdentity : messageId;
    }
}

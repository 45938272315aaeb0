package dev.emrsessionstarter.core.reading;


/**
 * One request as a trigger delivered it, before anything is known about its content.
 *
 * @param deliveryId the trigger's identity for it (SQS message id, EventBridge event id, Lambda request id); null
 *     when the trigger gave none
 * @param deliveryIdSource what {@code deliveryId} is
 * @param orderingGroup the FIFO message group whose order must hold, or null
 * @param attempt how many times this request has been received (SQS {@code ApproximateReceiveCount}), or null
 * @param lastAttempt no retry follows a failure: the SQS message has reached its queue's {@code maxReceiveCount}
 * @param body the request as it arrived
 */
public record Delivery(
        Trigger trigger,
        String deliveryId,
        RequestIdentity.Source deliveryIdSource,
        String orderingGroup,
        Integer attempt,
        boolean lastAttempt,
        Body body) {

    /** A delivery whose trigger retries on its own terms (Lambda's async retries, a caller's own). */
    public static Delivery of(Trigger trigger, String deliveryId, RequestIdentity.Source deliveryIdSource, Body body) {
        return new Delivery(trigger, deliveryId, deliveryIdSource, null, null, false, body);
    }

    /** The raw request: text (an SQS body), bytes (a direct payload), or an EventBridge event's detail. */
    public sealed interface Body permits Text, Bytes, Document {
    }

    public record Text(String text) implements Body {
    }

    public record Bytes(byte[] bytes) implements Body {
    }

    /**
     * @param document the detail as a tree, or as the Lambda runtime deserialized it (maps, lists and scalars, nested
     *     as deep as the event was: the runtime's parser sets no limit); null when the event carried none
     */
    public record Document(Object document) implements Body {
    }
}

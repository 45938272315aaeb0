package dev.emrsessionstarter.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.core.reading.RequestIdentity;
import dev.emrsessionstarter.core.reading.Trigger;

/** Deliveries as the entry points make them, for tests of the core. */
public final class Deliveries {

    private Deliveries() {
    }

    /** A standard-queue message, received for the first time. */
    public static Delivery sqs(String messageId, JsonNode body) {
        return new Delivery(Trigger.SQS, messageId, RequestIdentity.Source.SQS_MESSAGE_ID, null, 1, false,
                new Delivery.Text(body.toString()));
    }

    /** A FIFO message of {@code group}, received for the first time. */
    public static Delivery fifo(String messageId, String group, JsonNode body) {
        return new Delivery(Trigger.SQS, messageId, RequestIdentity.Source.SQS_MESSAGE_ID, group, 1, false,
                new Delivery.Text(body.toString()));
    }

    /** A direct invocation, identified by its Lambda request id. */
    public static Delivery direct(String requestId, JsonNode payload) {
        return Delivery.of(Trigger.DIRECT, requestId, RequestIdentity.Source.LAMBDA_REQUEST_ID,
                new Delivery.Document(payload));
    }

    /** The same message received again ({@code attempt} is its receive count), not yet for the last time. */
    public static Delivery receivedAgain(Delivery delivery, int attempt) {
        return new Delivery(delivery.trigger(), delivery.deliveryId(), delivery.deliveryIdSource(),
                delivery.orderingGroup(), attempt, false, delivery.body());
    }

    /** The same message on its last receive: no retry follows a failure, the queue dead-letters it. */
    public static Delivery lastAttempt(Delivery delivery) {
        int attempt = delivery.attempt() == null ? 1 : delivery.attempt();
        return new Delivery(delivery.trigger(), delivery.deliveryId(), delivery.deliveryIdSource(),
                delivery.orderingGroup(), attempt, true, delivery.body());
    }
}

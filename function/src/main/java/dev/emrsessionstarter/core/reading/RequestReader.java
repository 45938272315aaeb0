package dev.emrsessionstarter.core.reading;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.reading.JsonBodies.ParsedBody;
import java.util.List;

/**
 * Reads a delivery into a request: parses the body, unwraps the envelopes other services put around a request on
 * its way into a queue, validates it, and settles its identity and client token.
 */
public final class RequestReader {

    private final JsonBodies bodies;
    private final RequestValidator validator;

    public RequestReader(JsonBodies bodies, RequestValidator validator) {
        this.bodies = bodies;
        this.validator = validator;
    }

    public ReadRequest read(Delivery delivery) {
        RequestIdentity deliveryIdentity = delivery.deliveryId() == null
                ? null
                : new RequestIdentity(delivery.deliveryId(), delivery.deliveryIdSource());
        ParsedBody parsed = parse(delivery.body());
        if (!parsed.isValid()) {
            return unreadable(delivery, deliveryIdentity, parsed.violations());
        }
        Unwrapped unwrapped = delivery.trigger() == Trigger.SQS
                ? unwrapQueuedEnvelope(parsed.json(), deliveryIdentity)
                : new Unwrapped(parsed.json(), deliveryIdentity, List.of());
        if (!unwrapped.violations().isEmpty()) {
            return unreadable(delivery, unwrapped.identity(), unwrapped.violations());
        }

        Validation validation = validator.validate(unwrapped.request());
        SessionRequest request = validation.request();
        RequestIdentity identity = request.idempotencyKey() != null
                ? new RequestIdentity(request.idempotencyKey(), RequestIdentity.Source.IDEMPOTENCY_KEY)
                : unwrapped.identity();
        if (identity == null) {
            validation = validation.with(new Violation(RequestValidator.IDEMPOTENCY_KEY,
                    "is required: the delivery carries no id of its own"));
        }
        return new ReadRequest(delivery, identity, clientToken(request, identity), validation);
    }

    private ParsedBody parse(Delivery.Body body) {
        if (body instanceof Delivery.Text text) {
            return bodies.parse(text.text());
        }
        if (body instanceof Delivery.Bytes bytes) {
            return bodies.parse(bytes.bytes());
        }
        Object document = ((Delivery.Document) body).document();
        if (document == null) {
            return noDetail();
        }
        return bodies.acceptDocument(document);
    }

    private static ParsedBody noDetail() {
        return new ParsedBody(null, List.of(new Violation("", "the event carries no request (no detail)")));
    }

    /** An explicit token wins; otherwise it is derived from the identity and the application. */
    private static String clientToken(SessionRequest request, RequestIdentity identity) {
        if (request.clientToken() != null) {
            return request.clientToken();
        }
        if (identity == null || request.applicationId() == null) {
            return null;
        }
        return ClientTokens.derive(identity, request.applicationId());
    }

    /**
     * An EventBridge rule that targets a queue delivers the whole event; an SNS subscription without raw delivery
     * delivers a notification. Their ids, not the SQS message id, identify the request: retries upstream make new
     * SQS messages but keep these.
     */
    private Unwrapped unwrapQueuedEnvelope(JsonNode body, RequestIdentity messageIdentity) {
        if (body.has("detail-type") && body.has("source")) {
            RequestIdentity identity = textual(body.get("id"))
                    ? new RequestIdentity(body.get("id").textValue(), RequestIdentity.Source.EVENTBRIDGE_EVENT_ID)
                    : messageIdentity;
            JsonNode detail = body.get("detail");
            if (detail == null || detail.isNull()) {
                return Unwrapped.broken(identity, new Violation("detail", "the EventBridge event carries no detail"));
            }
            if (!detail.isObject()) {
                return Unwrapped.broken(identity, new Violation("detail", "must be a JSON object"));
            }
            return new Unwrapped(detail, identity, List.of());
        }
        if (textual(body.get("Type")) && "Notification".equals(body.get("Type").textValue())
                && textual(body.get("MessageId")) && body.has("Message")) {
            RequestIdentity identity =
                    new RequestIdentity(body.get("MessageId").textValue(), RequestIdentity.Source.SNS_MESSAGE_ID);
            JsonNode message = body.get("Message");
            if (!message.isTextual()) {
                return Unwrapped.broken(identity, new Violation("Message", "must be a string holding the request"));
            }
            ParsedBody inner = bodies.parse(message.textValue());
            return inner.isValid()
                    ? new Unwrapped(inner.json(), identity, List.of())
                    : new Unwrapped(null, identity, inner.violations());
        }
        return new Unwrapped(body, messageIdentity, List.of());
    }

    private static ReadRequest unreadable(Delivery delivery, RequestIdentity identity, List<Violation> violations) {
        return new ReadRequest(delivery, identity, null,
                new Validation(SessionRequest.EMPTY, violations, violations.size(), List.of()));
    }

    private static boolean textual(JsonNode node) {
        return node != null && node.isTextual();
    }

    private record Unwrapped(JsonNode request, RequestIdentity identity, List<Violation> violations) {
        static Unwrapped broken(RequestIdentity identity, Violation violation) {
            return new Unwrapped(null, identity, List.of(violation));
        }
    }
}

package dev.emrsessionstarter.core.reading;

import java.util.List;

/**
 * A delivery once read: its identity, its client token, and what validation made of its body.
 *
 * @param identity the request identity; null only when neither the trigger nor the request supplied one
 * @param clientToken the token StartSession will carry; null when the request is too broken to derive one
 */
public record ReadRequest(Delivery delivery, RequestIdentity identity, String clientToken, Validation validation) {

    /** The request as far as it is valid (fields that broke a rule are null). */
    public SessionRequest request() {
        return validation.request();
    }

    /** Broken rules, at most the reported maximum. */
    public List<Violation> violations() {
        return validation.violations();
    }

    /** How many rules were broken in all. */
    public int violationCount() {
        return validation.violationCount();
    }

    /** Valid values the deployment's allowlists refuse. */
    public List<Violation> refusals() {
        return validation.refusals();
    }

    public boolean isValid() {
        return validation.isValid();
    }

    /** The identity events and log lines name: the request's, or else the delivery's id. */
    public String requestIdentity() {
        return identity != null ? identity.value() : delivery.deliveryId();
    }

    /** The correlation id the request named, else its identity: every log line and event carries one. */
    public String correlationId() {
        if (request().correlationId() != null) {
            return request().correlationId();
        }
        return identity == null ? delivery.deliveryId() : identity.value();
    }
}

package dev.emrsessionstarter.core.reading;

import java.util.List;

/**
 * A delivery once read: its identity, its client token, and the request or what is wrong with it.
 *
 * @param identity the request identity; null only when neither the trigger nor the request supplied one
 * @param clientToken the token StartSession will carry; null when the request is too broken to derive one
 * @param request the request as far as it is valid (fields that broke a rule are null)
 * @param violations broken rules, at most the reported maximum
 * @param violationCount how many rules were broken in all
 * @param refusals valid values the deployment's allowlists refuse
 */
public record ReadRequest(
        Delivery delivery,
        RequestIdentity identity,
        String clientToken,
        SessionRequest request,
        List<Violation> violations,
        int violationCount,
        List<Violation> refusals) {

    public ReadRequest {
        violations = List.copyOf(violations);
        refusals = List.copyOf(refusals);
    }

    public boolean isValid() {
        return violationCount == 0 && refusals.isEmpty();
    }

    /** The identity events and log lines name: the request's, or else the delivery's id. */
    public String requestIdentity() {
        return identity != null ? identity.value() : delivery.deliveryId();
    }

    /** The correlation id the request named, else its identity: every log line and event carries one. */
    public String correlationId() {
        if (request.correlationId() != null) {
            return request.correlationId();
        }
        return identity == null ? delivery.deliveryId() : identity.value();
    }
}

package dev.emrsessionstarter.core.log;

import dev.emrsessionstarter.core.outcome.SessionFacts;
import dev.emrsessionstarter.core.reading.ReadRequest;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts a request's identity, trigger and correlation id on every log line written while it is handled, on whatever
 * thread handles it, on top of the invocation's own fields (function name, Lambda request id).
 */
public final class RequestLogContext implements AutoCloseable {

    public static final String REQUEST_IDENTITY = "requestIdentity";
    public static final String IDENTITY_SOURCE = "identitySource";
    public static final String TRIGGER = "trigger";
    /** Powertools' own field name, so the layout shows it as its standard {@code correlation_id}. */
    public static final String CORRELATION_ID = "correlation_id";
    public static final String CLIENT_TOKEN = "clientToken";
    public static final String DELIVERY_ID = "deliveryId";
    public static final String APPLICATION_ID = "applicationId";
    public static final String SESSION_ID = "sessionId";

    private final Map<String, String> previous;

    private RequestLogContext(Map<String, String> previous) {
        this.previous = previous;
    }

    /**
     * @param invocation the invocation's fields, captured on the handler's thread
     */
    public static RequestLogContext open(Map<String, String> invocation, ReadRequest request) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        replaceWith(invocation);
        put(REQUEST_IDENTITY, request.requestIdentity());
        put(IDENTITY_SOURCE, request.identity() != null ? request.identity().source().wireName() : null);
        put(TRIGGER, request.delivery().trigger().wireName());
        put(CORRELATION_ID, request.correlationId());
        put(CLIENT_TOKEN, request.clientToken());
        put(DELIVERY_ID, request.delivery().deliveryId());
        put(APPLICATION_ID, request.request().applicationId());
        return new RequestLogContext(previous);
    }

    /** Fields for lines about one started session, as its readiness is followed. */
    public static RequestLogContext open(Map<String, String> invocation, SessionFacts session) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        replaceWith(invocation);
        put(REQUEST_IDENTITY, session.requestIdentity());
        put(TRIGGER, session.trigger());
        put(CORRELATION_ID, session.correlationId());
        put(CLIENT_TOKEN, session.clientToken());
        put(APPLICATION_ID, session.applicationId());
        put(SESSION_ID, session.sessionId());
        return new RequestLogContext(previous);
    }

    /** Fields for lines about a whole invocation rather than one request. */
    public static RequestLogContext openInvocation(String trigger, String requestIdentities, String correlationId) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        put(TRIGGER, trigger);
        put(REQUEST_IDENTITY, requestIdentities);
        put(CORRELATION_ID, correlationId);
        return new RequestLogContext(previous);
    }

    @Override
    public void close() {
        replaceWith(previous);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private static void replaceWith(Map<String, String> fields) {
        if (fields == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(fields);
        }
    }
}

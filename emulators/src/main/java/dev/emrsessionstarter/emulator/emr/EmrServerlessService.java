package dev.emrsessionstarter.emulator.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.emulator.http.ConstraintViolations;
import dev.emrsessionstarter.emulator.http.ServiceError;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The emulated operations, free of HTTP: validated input in, response body out, {@link ServiceError} on refusal. */
final class EmrServerlessService {

    private final ObjectMapper json;
    private final Clock clock;
    private final ApplicationRegistry applications;
    private final SessionStore sessions;
    private final SessionEndpoints endpoints;
    private final StartSessionValidator validator;
    private final SessionJson render;

    EmrServerlessService(ObjectMapper json, Clock clock, ApplicationRegistry applications, SessionStore sessions,
                         SessionEndpoints endpoints, UsageRates rates) {
        this.json = json;
        this.clock = clock;
        this.applications = applications;
        this.sessions = sessions;
        this.endpoints = endpoints;
        this.validator = new StartSessionValidator(json);
        this.render = new SessionJson(json, rates);
    }

    ObjectNode startSession(String applicationId, byte[] body) {
        SessionRequest request = validator.validate(applicationId, parse(body));
        Application application = applications.require(applicationId).application();
        SessionStore.Started started = sessions.start(application, request, clock.instant());
        if (started.created() && application.state() != ApplicationState.STARTED) {
            // Auto-start: the application comes up to run the session.
            applications.setState(applicationId, ApplicationState.STARTED);
        }
        ObjectNode response = json.createObjectNode();
        response.put("applicationId", applicationId);
        response.put("sessionId", started.session().sessionId());
        response.put("arn", started.session().arn());
        return response;
    }

    ObjectNode getSession(String applicationId, String sessionId) {
        StoredSession session = requireSession(applicationId, sessionId);
        ObjectNode response = json.createObjectNode();
        response.set("session", render.session(session, clock.instant()));
        return response;
    }

    ObjectNode listSessions(String applicationId, Map<String, List<String>> query) {
        checkIds(applicationId, null);
        ListSessionsQuery parsed = ListSessionsQuery.parse(query);
        applications.require(applicationId);
        Instant now = clock.instant();
        ListSessionsQuery.Page<ObjectNode> page =
                parsed.page(sessions.sessionsOf(applicationId), now, session -> render.summary(session, now));
        ObjectNode response = json.createObjectNode();
        response.putArray("sessions").addAll(page.items());
        if (page.nextToken() != null) {
            response.put("nextToken", page.nextToken());
        }
        return response;
    }

    /** Idempotent: terminating a session that is terminating or terminated changes nothing and succeeds. */
    ObjectNode terminateSession(String applicationId, String sessionId) {
        StoredSession session = requireSession(applicationId, sessionId);
        sessions.terminate(session, clock.instant());
        ObjectNode response = json.createObjectNode();
        response.put("applicationId", applicationId);
        response.put("sessionId", sessionId);
        return response;
    }

    /**
     * The endpoint and a new token, for a session that is STARTED, IDLE or BUSY. A session in any other state is a 400
     * {@code ValidationException}: the real answer is UNCONFIRMED (the model lists only ValidationException,
     * ResourceNotFoundException and InternalServerException), and a 400 tells a caller not to retry as it stands.
     */
    ObjectNode getSessionEndpoint(String applicationId, String sessionId) {
        StoredSession session = requireSession(applicationId, sessionId);
        Instant now = clock.instant();
        SessionState state = session.statusAt(now).state();
        if (!SessionEndpoints.CONNECTABLE.contains(state)) {
            throw ServiceError.validation("Session " + sessionId + " is " + state
                    + "; its endpoint is available once it is STARTED, IDLE or BUSY.");
        }
        ObjectNode response = json.createObjectNode();
        response.put("applicationId", applicationId);
        response.put("sessionId", sessionId);
        response.put("endpoint", endpoints.endpoint(session));
        response.put("authToken", endpoints.mintToken());
        response.set("authTokenExpiresAt", Timestamps.epochSeconds(SessionEndpoints.expiresAt(now)));
        return response;
    }

    /** Idempotent: see {@link ApplicationRegistry#start}. The answer is the model's empty StartApplicationResponse. */
    ObjectNode startApplication(String applicationId) {
        checkIds(applicationId, null);
        applications.start(applicationId);
        return json.createObjectNode();
    }

    ObjectNode getApplication(String applicationId) {
        checkIds(applicationId, null);
        ObjectNode response = json.createObjectNode();
        response.set("application", render.application(applications.require(applicationId)));
        return response;
    }

    private StoredSession requireSession(String applicationId, String sessionId) {
        checkIds(applicationId, sessionId);
        applications.require(applicationId);
        return sessions.require(applicationId, sessionId);
    }

    private static void checkIds(String applicationId, String sessionId) {
        ConstraintViolations violations = new ConstraintViolations();
        ModelShapes.APPLICATION_ID.check(applicationId, "applicationId", violations);
        if (sessionId != null) {
            ModelShapes.SESSION_ID.check(sessionId, "sessionId", violations);
        }
        violations.throwIfAny();
    }

    /**
     * A body that is not JSON is a 400 {@code SerializationException} here. What the real service answers is
     * UNCONFIRMED; AWS's JSON services commonly answer exactly that. An empty body counts as {@code {}}.
     */
    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException notJson) {
            throw ServiceError.serialization("The request body is not valid JSON.");
        }
    }
}

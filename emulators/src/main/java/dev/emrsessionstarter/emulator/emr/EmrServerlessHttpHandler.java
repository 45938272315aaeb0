package dev.emrsessionstarter.emulator.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.fault.FaultPlan;
import dev.emrsessionstarter.emulator.http.CallPipeline;
import dev.emrsessionstarter.emulator.http.HttpExchanges;
import dev.emrsessionstarter.emulator.http.ServiceError;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Routes the rest-json paths of the emulated operations, counts each call and runs it through the pipeline. */
final class EmrServerlessHttpHandler implements HttpHandler {

    private static final ObjectMapper KEY_READER = new ObjectMapper();

    private final EmrServerlessService service;
    private final CallPipeline pipeline;
    private final EmrRequestLog log;
    private final Map<EmrOperation, FaultPlan<CallFault>> faults;

    EmrServerlessHttpHandler(EmrServerlessService service, CallPipeline pipeline, EmrRequestLog log,
                             Map<EmrOperation, FaultPlan<CallFault>> faults) {
        this.service = service;
        this.pipeline = pipeline;
        this.log = log;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = HttpExchanges.readBody(exchange);
            List<String> path = HttpExchanges.pathSegments(exchange);
            String method = exchange.getRequestMethod();
            Route route = route(method, path);
            if (route == null) {
                pipeline.sendError(exchange, new ServiceError(404, "UnknownOperationException",
                        "No operation matches " + method + " " + exchange.getRequestURI().getRawPath()));
                return;
            }
            int callNumber = log.record(route.operation(), body);
            pipeline.serve(exchange, faults.get(route.operation()), callNumber, faultKey(route, body),
                    () -> switch (route.operation()) {
                case START_SESSION -> service.startSession(route.applicationId(), body);
                case GET_SESSION -> service.getSession(route.applicationId(), route.sessionId());
                case LIST_SESSIONS ->
                        service.listSessions(route.applicationId(), HttpExchanges.queryParameters(exchange));
                case TERMINATE_SESSION -> service.terminateSession(route.applicationId(), route.sessionId());
                case GET_APPLICATION -> service.getApplication(route.applicationId());
                case GET_SESSION_ENDPOINT -> service.getSessionEndpoint(route.applicationId(), route.sessionId());
                case START_APPLICATION -> service.startApplication(route.applicationId());
            });
        }
    }

    /**
     * What a fault plan that draws per key draws from: StartSession's client token, the session id of a call on one
     * session, the application id otherwise.
     */
    private String faultKey(Route route, byte[] body) {
        return switch (route.operation()) {
            case START_SESSION -> clientToken(body);
            case GET_SESSION, TERMINATE_SESSION, GET_SESSION_ENDPOINT ->
                    route.applicationId() + "/" + route.sessionId();
            case LIST_SESSIONS, GET_APPLICATION, START_APPLICATION -> route.applicationId();
        };
    }

    private String clientToken(byte[] body) {
        try {
            JsonNode token = body.length == 0 ? null : KEY_READER.readTree(body).get("clientToken");
            return token != null && token.isTextual() ? token.textValue() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private record Route(EmrOperation operation, String applicationId, String sessionId) {
    }

    private static Route route(String method, List<String> path) {
        if (path.isEmpty() || !path.get(0).equals("applications") || path.size() < 2) {
            return null;
        }
        String applicationId = path.get(1);
        if (path.size() == 2) {
            return method.equals("GET") ? new Route(EmrOperation.GET_APPLICATION, applicationId, null) : null;
        }
        if (path.size() == 3 && path.get(2).equals("start")) {
            return method.equals("POST") ? new Route(EmrOperation.START_APPLICATION, applicationId, null) : null;
        }
        if (!path.get(2).equals("sessions")) {
            return null;
        }
        if (path.size() == 3) {
            return switch (method) {
                case "POST" -> new Route(EmrOperation.START_SESSION, applicationId, null);
                case "GET" -> new Route(EmrOperation.LIST_SESSIONS, applicationId, null);
                default -> null;
            };
        }
        if (path.size() == 4) {
            return switch (method) {
                case "GET" -> new Route(EmrOperation.GET_SESSION, applicationId, path.get(3));
                case "DELETE" -> new Route(EmrOperation.TERMINATE_SESSION, applicationId, path.get(3));
                default -> null;
            };
        }
        if (path.size() == 5 && path.get(4).equals("endpoint")) {
            return method.equals("GET") ? new Route(EmrOperation.GET_SESSION_ENDPOINT, applicationId, path.get(3))
                    : null;
        }
        return null;
    }
}

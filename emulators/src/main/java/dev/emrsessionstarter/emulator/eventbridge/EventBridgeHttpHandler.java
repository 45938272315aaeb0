package dev.emrsessionstarter.emulator.eventbridge;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves the JSON 1.1 protocol: {@code POST /} with {@code X-Amz-Target: AWSEvents.PutEvents}. */
final class EventBridgeHttpHandler implements HttpHandler {

    static final String PUT_EVENTS_TARGET = "AWSEvents.PutEvents";

    private final ObjectMapper json;
    private final PutEventsService service;
    private final CallPipeline pipeline;
    private final FaultPlan<CallFault> callFaults;
    private final AtomicInteger calls;
    private final AtomicInteger entriesReceived;
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

    EventBridgeHttpHandler(ObjectMapper json, PutEventsService service, CallPipeline pipeline,
                           FaultPlan<CallFault> callFaults, AtomicInteger calls, AtomicInteger entriesReceived) {
        this.json = json;
        this.service = service;
        this.pipeline = pipeline;
        this.callFaults = callFaults;
        this.calls = calls;
        this.entriesReceived = entriesReceived;
    }

    List<String> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = HttpExchanges.readBody(exchange);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/")
                    || !PUT_EVENTS_TARGET.equals(target)) {
                pipeline.sendError(exchange, new ServiceError(400, "UnknownOperationException",
                        "Unknown operation " + target + "."));
                return;
            }
            bodies.add(new String(body, StandardCharsets.UTF_8));
            int callNumber = calls.incrementAndGet();
            JsonNode parsed = parse(body);
            if (parsed != null && parsed.path("Entries").isArray()) {
                entriesReceived.addAndGet(parsed.get("Entries").size());
            }
            pipeline.serve(exchange, callFaults, callNumber, PutEventsEntry.callKey(parsed, json), () -> {
                if (parsed == null) {
                    throw ServiceError.serialization("The request body is not valid JSON.");
                }
                return service.putEvents(parsed);
            });
        }
    }

    /** The body as JSON, or null when it is not JSON (answered as a SerializationException, after faults). */
    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }
}

package dev.emrsessionstarter.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.fault.FaultPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens to every emulated call, in the order a real endpoint would: credential scope check, added latency,
 * then the injected fault or the operation. A fault that does not commit first is decided before the operation runs,
 * so it can never change state; {@link CallFault#FAIL_AFTER_COMMIT} and {@link CallFault#DROP_AFTER_COMMIT} run the
 * operation and then throw its answer away.
 */
public final class CallPipeline {

    private static final Logger LOG = Logger.getLogger(CallPipeline.class.getName());

    private final ObjectMapper json;
    private final WireFormat wire;
    private final String signingName;
    private final String region;
    private final boolean requireSignature;

    public CallPipeline(ObjectMapper json, WireFormat wire, String signingName, String region,
                        boolean requireSignature) {
        this.json = json;
        this.wire = wire;
        this.signingName = signingName;
        this.region = region;
        this.requireSignature = requireSignature;
    }

    /** An operation's work: returns the 200 response body or throws {@link ServiceError}. */
    @FunctionalInterface
    public interface Operation {
        JsonNode run();
    }

    public void serve(HttpExchange exchange, FaultPlan<CallFault> faults, int callNumber, Operation operation)
            throws IOException {
        serve(exchange, faults, callNumber, null, operation);
    }

    /**
     * As {@link #serve(HttpExchange, FaultPlan, int, Operation)}, for a call that carries {@code key} (what a plan that
     * draws per key draws from: see {@link FaultPlan#decide(int, String)}).
     */
    public void serve(HttpExchange exchange, FaultPlan<CallFault> faults, int callNumber, String key,
                      Operation operation) throws IOException {
        try {
            if (requireSignature) {
                Optional<SigV4Scope.Refusal> refusal = SigV4Scope.check(
                        exchange.getRequestHeaders().getFirst("Authorization"), signingName, region);
                if (refusal.isPresent()) {
                    sendError(exchange, new ServiceError(403, refusal.get().code(), refusal.get().message()));
                    return;
                }
            }
            if (!pause(faults.latency())) {
                HttpExchanges.dropConnection(exchange);
                return;
            }
            Optional<CallFault> fault = faults.decide(callNumber, key);
            if (fault.isPresent() && !fault.get().commitsFirst()) {
                inject(exchange, fault.get());
                return;
            }
            JsonNode result;
            try {
                result = operation.run();
            } catch (ServiceError refused) {
                sendError(exchange, refused);
                return;
            }
            if (fault.isPresent()) {
                inject(exchange, fault.get());
                return;
            }
            send(exchange, 200, result, Map.of());
        } catch (RuntimeException bug) {
            LOG.log(Level.WARNING, "emulator failure", bug);
            sendError(exchange, wire.internalError());
        }
    }

    /** Answers with an error in this service's wire format. */
    public void sendError(HttpExchange exchange, ServiceError error) throws IOException {
        ObjectNode body = json.createObjectNode();
        String type = wire.errorTypeInBody().apply(error.code());
        if (type != null) {
            body.put("__type", type);
        }
        body.put("message", error.getMessage());
        send(exchange, error.status(), body, Map.of("x-amzn-ErrorType", error.code()));
    }

    private void inject(HttpExchange exchange, CallFault fault) throws IOException {
        switch (fault) {
            case INTERNAL_ERROR, FAIL_AFTER_COMMIT -> sendError(exchange, wire.internalError());
            case THROTTLING -> sendError(exchange, wire.throttling());
            case ACCESS_DENIED -> sendError(exchange, new ServiceError(403, "AccessDeniedException",
                    "User is not authorized to perform this action"));
            case DROP_CONNECTION, DROP_AFTER_COMMIT -> HttpExchanges.dropConnection(exchange);
        }
    }

    private void send(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers)
            throws IOException {
        Map<String, String> allHeaders = new LinkedHashMap<>(headers);
        allHeaders.put("x-amzn-RequestId", UUID.randomUUID().toString());
        HttpExchanges.respond(exchange, status, wire.contentType(), allHeaders, bytes(body));
    }

    private byte[] bytes(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits out the added latency; false if interrupted (the emulator is closing). */
    private static boolean pause(Duration latency) {
        if (latency.isZero()) {
            return true;
        }
        try {
            Thread.sleep(latency.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

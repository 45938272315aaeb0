package dev.emrsessionstarter.emulator.stepfunctions;

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
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the JSON 1.0 protocol: {@code POST /} with {@code X-Amz-Target: AWSStepFunctions.OPERATION}. Records each
 * call of an emulated operation and counts it (faulted ones included), then runs it through the pipeline.
 */
final class StepFunctionsHttpHandler implements HttpHandler {

    static final String TARGET_PREFIX = "AWSStepFunctions.";

    private final ObjectMapper json;
    private final Clock clock;
    private final TaskCallbackService service;
    private final CallPipeline pipeline;
    private final Map<TaskCallbackOperation, FaultPlan<CallFault>> faults;
    private final Map<TaskCallbackOperation, AtomicInteger> counts;
    private final List<TaskCallbackCall> calls = Collections.synchronizedList(new ArrayList<>());

    StepFunctionsHttpHandler(ObjectMapper json, Clock clock, TaskCallbackService service, CallPipeline pipeline,
                             Map<TaskCallbackOperation, FaultPlan<CallFault>> faults,
                             Map<TaskCallbackOperation, AtomicInteger> counts) {
        this.json = json;
        this.clock = clock;
        this.service = service;
        this.pipeline = pipeline;
        this.faults = new EnumMap<>(faults);
        this.counts = new EnumMap<>(counts);
    }

    List<TaskCallbackCall> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = HttpExchanges.readBody(exchange);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            TaskCallbackOperation operation = target != null && target.startsWith(TARGET_PREFIX)
                    ? TaskCallbackOperation.byApiName(target.substring(TARGET_PREFIX.length())) : null;
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/")
                    || operation == null) {
                pipeline.sendError(exchange, new ServiceError(400, "UnknownOperationException",
                        "Unknown operation " + target + "."));
                return;
            }
            JsonNode parsed = parse(body);
            TaskCallbackRequest seen = TaskCallbackRequest.lenient(parsed);
            calls.add(new TaskCallbackCall(operation, seen.taskToken(), seen.output(), seen.error(), seen.cause(),
                    clock.instant()));
            int callNumber = counts.get(operation).incrementAndGet();
            pipeline.serve(exchange, faults.get(operation), callNumber, seen.taskToken(),
                    () -> service.handle(operation, parsed));
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

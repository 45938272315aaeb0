package dev.emrsessionstarter.harness.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.emrsessionstarter.emulator.http.EmulatorHttpServer;
import dev.emrsessionstarter.emulator.http.HttpExchanges;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local implementation of the Lambda Runtime API (version 2018-06-01), the HTTP interface through which a runtime
 * (here the real {@code aws-lambda-java-runtime-interface-client}) takes invocations and hands back their answers:
 *
 * <ul>
 *   <li>{@code GET /2018-06-01/runtime/invocation/next}: waits for an invocation and returns its payload with the
 *       {@code Lambda-Runtime-Aws-Request-Id}, {@code Lambda-Runtime-Deadline-Ms},
 *       {@code Lambda-Runtime-Invoked-Function-Arn} and {@code Lambda-Runtime-Trace-Id} headers;</li>
 *   <li>{@code POST .../invocation/{id}/response} and {@code .../invocation/{id}/error}: the answer (202);</li>
 *   <li>{@code POST /2018-06-01/runtime/init/error}: the handler could not be loaded (202);</li>
 *   <li>{@code GET /2018-06-01/runtime/restore/next} and {@code POST .../restore/error}: the SnapStart hand-over after
 *       the {@code beforeCheckpoint} hooks ran (the "snapshot" is not taken: the same JVM goes on).</li>
 * </ul>
 *
 * Invocations are served one at a time in submission order, as one Lambda execution environment serves them.
 */
public final class RuntimeApiServer implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String functionArn;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final CompletableFuture<Long> restoreNext = new CompletableFuture<>();
    private final EmulatorHttpServer server;
    private volatile boolean closed;

    private RuntimeApiServer(String functionArn) {
        this.functionArn = functionArn;
        this.server = EmulatorHttpServer.start("lambda-runtime-api", 0, this::handle);
    }

    /** Starts serving on a free loopback port. */
    public static RuntimeApiServer start(String functionName) {
        return new RuntimeApiServer("arn:aws:lambda:us-east-1:123456789012:function:" + functionName);
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}: {@code host:port}. */
    public String address() {
        return "127.0.0.1:" + server.port();
    }

    /** Queues an invocation; the future completes when the runtime answers it ({@code /response} or {@code /error}). */
    public CompletableFuture<InvocationResult> submit(String requestId, byte[] payload, Duration timeout) {
        Pending pending = new Pending(requestId, payload, System.currentTimeMillis() + timeout.toMillis());
        if (initError.isDone()) {
            pending.result.completeExceptionally(new IllegalStateException("init failed: " + initError.join()));
        }
        queue.add(pending);
        return pending.result;
    }

    /** Completes (with {@link System#nanoTime()}) when the runtime first asks for work: its init is over. */
    public CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    /** Completes with the error document if the runtime reported an init error. */
    public CompletableFuture<String> initError() {
        return initError;
    }

    /** Completes when the runtime asked for {@code restore/next}: its SnapStart hooks ran without error. */
    public CompletableFuture<Long> restoreNext() {
        return restoreNext;
    }

    @Override
    public void close() {
        closed = true;
        server.close();
        queue.forEach(pending -> pending.result.completeExceptionally(new IllegalStateException("closed")));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!path.startsWith(PREFIX)) {
                HttpExchanges.respond(exchange, 404, "text/plain", Map.of(), new byte[0]);
                return;
            }
            String route = path.substring(PREFIX.length());
            if (method.equals("GET") && route.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && route.startsWith("invocation/") && route.endsWith("/response")) {
                answer(exchange, route.substring("invocation/".length(), route.length() - "/response".length()),
                        false);
            } else if (method.equals("POST") && route.startsWith("invocation/") && route.endsWith("/error")) {
                answer(exchange, route.substring("invocation/".length(), route.length() - "/error".length()), true);
            } else if (method.equals("POST") && route.equals("init/error")) {
                initError.complete(new String(HttpExchanges.readBody(exchange)));
                accepted(exchange);
            } else if (method.equals("GET") && route.equals("restore/next")) {
                restoreNext.complete(System.nanoTime());
                HttpExchanges.respond(exchange, 200, "application/json", Map.of(), new byte[0]);
            } else if (method.equals("POST") && route.equals("restore/error")) {
                initError.complete(new String(HttpExchanges.readBody(exchange)));
                accepted(exchange);
            } else {
                HttpExchanges.respond(exchange, 404, "text/plain", Map.of(), new byte[0]);
            }
        }
    }

    /** Long-polls like Lambda: the runtime's GET stays open until there is work (or the server closes). */
    private void next(HttpExchange exchange) throws IOException {
        firstNext.complete(System.nanoTime());
        Pending pending = null;
        try {
            while (pending == null && !closed) {
                pending = queue.poll(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (pending == null) {
            HttpExchanges.dropConnection(exchange);
            return;
        }
        inFlight.put(pending.requestId, pending);
        pending.deliveredNanos = System.nanoTime();
        HttpExchanges.respond(exchange, 200, "application/json", Map.of(
                "Lambda-Runtime-Aws-Request-Id", pending.requestId,
                "Lambda-Runtime-Deadline-Ms", Long.toString(pending.deadlineEpochMillis),
                "Lambda-Runtime-Invoked-Function-Arn", functionArn,
                "Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                        + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24) + ";Sampled=0"),
                pending.payload);
    }

    private void answer(HttpExchange exchange, String requestId, boolean error) throws IOException {
        byte[] body = HttpExchanges.readBody(exchange);
        long answered = System.nanoTime();
        Pending pending = inFlight.remove(requestId);
        if (pending == null) {
            HttpExchanges.respond(exchange, 400, "application/json", Map.of(),
                    "{\"errorType\":\"InvalidRequestID\"}".getBytes());
            return;
        }
        accepted(exchange);
        if (!error) {
            pending.result.complete(new InvocationResult.Response(body, pending.deliveredNanos, answered));
            return;
        }
        JsonNode document = JSON.readTree(body);
        String type = document.path("errorType").asText(
                exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
        pending.result.complete(new InvocationResult.FunctionError(type, document.path("errorMessage").asText(null),
                body, pending.deliveredNanos, answered));
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        HttpExchanges.respond(exchange, 202, "application/json", Map.of(), "{\"status\":\"OK\"}".getBytes());
    }

    private static final class Pending {
        final String requestId;
        final byte[] payload;
        final long deadlineEpochMillis;
        final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        volatile long deliveredNanos;

        Pending(String requestId, byte[] payload, long deadlineEpochMillis) {
            this.requestId = requestId;
            this.payload = payload;
            this.deadlineEpochMillis = deadlineEpochMillis;
        }
    }
}

package dev.emrsessionstarter.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Shows what an emulator received, on its own port: {@code GET /_emulator/NAME} answers a JSON view, built when asked,
 * for any client (curl, a browser, a script) and without signing. Not an AWS API: no real path starts with
 * {@value #PREFIX}, and these requests are neither counted nor faulted. {@code GET /_emulator/} lists the views.
 */
public final class ReceivedViews implements HttpHandler {

    public static final String PREFIX = "/_emulator/";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Supplier<JsonNode>> views;

    private ReceivedViews(Map<String, Supplier<JsonNode>> views) {
        this.views = views;
    }

    /** One view, at {@code /_emulator/NAME}. */
    public static ReceivedViews of(String name, Supplier<JsonNode> view) {
        Map<String, Supplier<JsonNode>> views = new LinkedHashMap<>();
        views.put(name, view);
        return new ReceivedViews(views);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpExchanges.readBody(exchange);
            String name = exchange.getRequestURI().getPath().substring(PREFIX.length());
            if (name.endsWith("/")) {
                name = name.substring(0, name.length() - 1);
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                respond(exchange, 405, message("Only GET reads a view."));
                return;
            }
            Supplier<JsonNode> view = views.get(name);
            if (view == null) {
                respond(exchange, name.isEmpty() ? 200 : 404,
                        message(name.isEmpty() ? "What this emulator received." : "No view " + name + "."));
                return;
            }
            respond(exchange, 200, view.get());
        }
    }

    private ObjectNode message(String message) {
        ObjectNode body = JSON.createObjectNode().put("message", message);
        views.keySet().forEach(name -> body.withArray("views").add(PREFIX + name));
        return body;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        HttpExchanges.respond(exchange, status, "application/json", Map.of(),
                (JSON.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}

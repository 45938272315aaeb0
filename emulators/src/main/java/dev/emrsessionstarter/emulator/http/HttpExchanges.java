package dev.emrsessionstarter.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers around {@link HttpExchange}: read a body, answer, or hang up. */
public final class HttpExchanges {

    private HttpExchanges() {
    }

    public static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** Sends a complete response and closes the exchange. */
    public static void respond(HttpExchange exchange, int status, String contentType, Map<String, String> headers,
                               byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Closes the connection without sending a status line: the client sees the connection reset or an unexpected end
     * of stream, as when a load balancer or the network drops a request. Closing an exchange whose response headers
     * were never sent makes the JDK server close the socket itself.
     */
    public static void dropConnection(HttpExchange exchange) {
        exchange.close();
    }

    /** The decoded query parameters, each name with all its values in order ({@code states=A&states=B}). */
    public static Map<String, List<String>> queryParameters(HttpExchange exchange) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** Splits the raw path into decoded segments, so an encoded {@code /} inside a label stays inside it. */
    public static List<String> pathSegments(HttpExchange exchange) {
        List<String> segments = new ArrayList<>();
        for (String raw : exchange.getRequestURI().getRawPath().split("/")) {
            if (!raw.isEmpty()) {
                segments.add(decodePathSegment(raw));
            }
        }
        return segments;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String decodePathSegment(String value) {
        // URLDecoder would turn '+' into a space; in a path '+' is literal.
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

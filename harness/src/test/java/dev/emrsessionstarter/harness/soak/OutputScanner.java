package dev.emrsessionstarter.harness.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for standard output while a soak runs: reads each line the process writes (the function's JSON logs, its
 * EMF metrics, and whatever the local services log) as it comes, instead of keeping them all, and notes what the
 * checks need: lines that contain the secret marker, lines that contain a task token (or a piece of one), the
 * messages whose outcome event could not be published or whose task callback failed, and the checks whose readiness
 * event could not be published.
 */
final class OutputScanner extends OutputStream {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT_NOT_PUBLISHED = "Outcome event not published";
    /** A task callback still failing after its retries: the work that needed it is handed back. */
    private static final String TASK_CALLBACK_FAILED = "; it will be tried again";
    /** The watch's log line for a readiness event that could not be published (its check is handed back). */
    private static final String READINESS_EVENT_NOT_PUBLISHED = "ReadinessEventNotPublished";
    private static final int LEAKS_KEPT = 5;

    private final String marker;
    private final TokenLeaks tokens;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> leaks = new ArrayList<>();
    private final List<String> tokenLeaks = new ArrayList<>();
    private final Map<String, Integer> unpublishedByDelivery = new HashMap<>();
    private final Map<String, Integer> taskCallbacksFailedByDelivery = new HashMap<>();
    private int lines;
    private int leakCount;
    private int tokenLeakCount;
    private int readinessEventsNotPublished;

    OutputScanner(String marker, TokenLeaks tokens) {
        this.marker = marker;
        this.tokens = tokens;
    }

    /** Runs {@code work} with standard output going through a scanner; what it wrote is in the returned scanner. */
    static OutputScanner during(String marker, TokenLeaks tokens, Runnable work) {
        OutputScanner scanner = new OutputScanner(marker, tokens);
        PrintStream original = System.out;
        try (PrintStream capture = new PrintStream(scanner, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            work.run();
        } finally {
            System.setOut(original);
        }
        return scanner;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            scan(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                scan(line.toString(StandardCharsets.UTF_8));
                line.reset();
                start = i + 1;
            }
        }
        line.write(bytes, start, offset + length - start);
    }

    @Override
    public synchronized void flush() {
        // Lines are scanned when complete; a partial line waits for its end.
    }

    private void scan(String text) {
        lines++;
        if (text.contains(marker)) {
            leakCount++;
            if (leaks.size() < LEAKS_KEPT) {
                leaks.add(text);
            }
        }
        if (tokens.foundIn(text)) {
            tokenLeakCount++;
            if (tokenLeaks.size() < LEAKS_KEPT) {
                // Kept with long base64 runs blanked out: the report must not print a token either.
                tokenLeaks.add(TokenLeaks.redact(text));
            }
        }
        if (text.contains(READINESS_EVENT_NOT_PUBLISHED) && text.startsWith("{")) {
            readinessEventsNotPublished++;
        }
        if (text.contains(EVENT_NOT_PUBLISHED) && text.startsWith("{")) {
            countByDelivery(text, unpublishedByDelivery);
        }
        if (text.contains(TASK_CALLBACK_FAILED) && text.startsWith("{")) {
            countByDelivery(text, taskCallbacksFailedByDelivery);
        }
    }

    private static void countByDelivery(String text, Map<String, Integer> counts) {
        try {
            JsonNode log = JSON.readTree(text);
            if (log.hasNonNull("deliveryId")) {
                counts.merge(log.get("deliveryId").textValue(), 1, Integer::sum);
            }
        } catch (Exception notJson) {
            // Not one of the function's lines.
        }
    }

    synchronized int lines() {
        return lines;
    }

    synchronized int leakCount() {
        return leakCount;
    }

    /** The first few lines that held the marker. */
    synchronized List<String> leaks() {
        return List.copyOf(leaks);
    }

    /** Lines that held a task token or a piece of one. */
    synchronized int tokenLeakCount() {
        return tokenLeakCount;
    }

    /** The beginnings of the first few lines that held a task token. */
    synchronized List<String> tokenLeaks() {
        return List.copyOf(tokenLeaks);
    }

    /** How many checks were handed back because their readiness event could not be published. */
    synchronized int readinessEventsNotPublished() {
        return readinessEventsNotPublished;
    }

    /**
     * How often each delivery (SQS message id) of the request queue had a task callback that failed for now (its
     * request is handed back).
     */
    synchronized Map<String, Integer> taskCallbacksFailedByDelivery() {
        return Map.copyOf(taskCallbacksFailedByDelivery);
    }

    /** How often each delivery (SQS message id) had an outcome event that could not be published. */
    synchronized Map<String, Integer> unpublishedEventsByDelivery() {
        return Map.copyOf(unpublishedByDelivery);
    }
}

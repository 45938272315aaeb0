package dev.emrsessionstarter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the function writes to standard output while some work runs: its JSON log lines and its EMF metric lines (the
 * log appender follows {@code System.out}, as Lambda's log capture does).
 */
public final class CapturedOutput {

    private final String text;

    private CapturedOutput(String text) {
        this.text = text;
    }

    public static CapturedOutput whileRunning(Runnable work) {
        Result<Object> result = during(() -> {
            work.run();
            return null;
        });
        if (result.thrown() instanceof RuntimeException failure) {
            throw failure;
        }
        if (result.thrown() instanceof Error failure) {
            throw failure;
        }
        return result.output();
    }

    public static <T> Result<T> during(Supplier<T> work) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Throwable thrown = null;
        T value = null;
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            value = work.get();
        } catch (RuntimeException | Error failure) {
            thrown = failure;
        } finally {
            System.setOut(original);
        }
        return new Result<>(value, thrown, new CapturedOutput(buffer.toString(StandardCharsets.UTF_8)));
    }

    public String text() {
        return text;
    }

    /** Every line that is a JSON object. */
    public List<JsonNode> jsonLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("{")) {
                try {
                    lines.add(Requests.JSON.readTree(line));
                } catch (Exception notJson) {
                    throw new AssertionError("A line of output is not JSON: " + line, notJson);
                }
            }
        }
        return lines;
    }

    /** The log lines (Powertools' layout: they have a level). */
    public List<JsonNode> logLines() {
        return jsonLines().stream().filter(line -> line.has("level")).toList();
    }

    /** The embedded-metric-format lines. */
    public List<JsonNode> metricLines() {
        return jsonLines().stream().filter(line -> line.has("_aws")).toList();
    }

    /** What a piece of work returned or threw, and what it wrote. */
    public record Result<T>(T value, Throwable thrown, CapturedOutput output) {
    }
}

package dev.emrsessionstarter.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The event a local run hands the handler: read from a file or standard input, and checked against the trigger it
 * goes to. What the function itself would refuse (a body that is not JSON, an invalid request) is left for it to
 * refuse; what Lambda would never hand this handler, or what is the function's own output, is refused here.
 *
 * @param source how the report names it: the file, or "standard input"
 */
record EventInput(byte[] bytes, String source, Trigger trigger) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The detail-types of the events the function publishes. */
    private static final Set<String> OUTCOMES = Set.of(OutcomeEvents.STARTED, OutcomeEvents.START_FAILED,
            OutcomeEvents.READY, OutcomeEvents.SESSION_FAILED, OutcomeEvents.NOT_READY);

    /**
     * @param trigger the trigger asked for, or null to take the one the event's shape stands for
     * @throws LocalRunException a usage error: the file cannot be read, or the event does not fit the trigger
     */
    static EventInput read(String file, InputStream standardInput, Trigger trigger) {
        String source = file.equals("-") ? "standard input" : file;
        byte[] bytes = file.equals("-") ? readStandardInput(standardInput) : readFile(file);
        JsonNode json = parse(bytes);
        Trigger shape = Trigger.of(json);
        refuseOutput(json, shape, source);
        if (trigger != null && trigger != shape) {
            throw LocalRunException.usage("--trigger " + trigger.option + " takes " + trigger.expects + ", but "
                    + source + " is " + describe(json) + " (leave --trigger out, or use --trigger " + shape.option
                    + ")");
        }
        if (shape == Trigger.SQS) {
            JsonNode records = json.get("Records");
            if (!records.isArray() || records.isEmpty()) {
                throw LocalRunException.usage(source + " holds no SQS records: \"Records\" must be a non-empty array"
                        + " (Lambda never invokes with an empty batch)");
            }
            for (JsonNode record : records) {
                if (!record.isObject() || !record.path("body").isTextual()) {
                    throw LocalRunException.usage(source + " has an SQS record that is not an object with a string "
                            + "\"body\"");
                }
            }
        }
        if (shape == Trigger.EVENTBRIDGE && !json.path("detail").isObject()) {
            throw LocalRunException.usage(source + " is an EventBridge event without a \"detail\" object (EventBridge "
                    + "always sends one)");
        }
        return new EventInput(bytes, source, shape);
    }

    /** Outcome events and readiness checks are what the function sends, not requests: a sample run by mistake. */
    private static void refuseOutput(JsonNode json, Trigger shape, String source) {
        if (shape == Trigger.EVENTBRIDGE && OUTCOMES.contains(json.path("detail-type").asText())) {
            throw LocalRunException.usage(source + " is an outcome event the function publishes (\""
                    + json.path("detail-type").asText() + "\"), not a request: run a request sample such as "
                    + "events/eventbridge-event.json");
        }
        if (shape == Trigger.SQS && json.path("Records").isArray()) {
            for (JsonNode record : json.get("Records")) {
                JsonNode body = parse(record.path("body").asText("").getBytes(StandardCharsets.UTF_8));
                if (body != null && body.has("sessionId") && body.has("startedAt")) {
                    throw LocalRunException.usage(source + " holds readiness checks (what the readiness check "
                            + "function receives from the watch queue), not session requests");
                }
            }
        }
    }

    private static String describe(JsonNode json) {
        if (json == null) {
            return "not JSON";
        }
        if (!json.isObject()) {
            return "JSON but not an object";
        }
        return Trigger.of(json).expects;
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static byte[] readStandardInput(InputStream standardInput) {
        try {
            return standardInput.readAllBytes();
        } catch (IOException e) {
            throw LocalRunException.usage("cannot read standard input: " + e.getMessage());
        }
    }

    private static byte[] readFile(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw LocalRunException.usage("not a file name: " + file);
        }
        String where = path.isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath() + ")";
        if (Files.isDirectory(path)) {
            throw LocalRunException.usage(file + " is a directory, not an event file" + where);
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw LocalRunException.usage("no such file: " + file + where);
        } catch (AccessDeniedException e) {
            throw LocalRunException.usage("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw LocalRunException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }
}

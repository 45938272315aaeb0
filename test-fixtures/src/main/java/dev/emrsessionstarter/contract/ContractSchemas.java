package dev.emrsessionstarter.contract;

import java.util.List;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The published JSON Schemas ({@code schemas/}) and the sample events ({@code events/}). */
public final class ContractSchemas {

    public static final ObjectMapper JSON = new ObjectMapper();
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path SCHEMAS = PROJECT.resolve("schemas");
    static final Path EVENTS = PROJECT.resolve("events");
    /** Samples of what the function publishes; events/ holds only what it reads. */
    static final Path OUTCOMES = SCHEMAS.resolve("examples");

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .locale(Locale.ENGLISH)
            .build();

    static final JsonSchema REQUEST = schema("session-request.schema.json");
    static final JsonSchema OUTCOME = schema("outcome-event.schema.json");
    static final JsonSchema TASK_OUTPUT = schema("task-output.schema.json");

    private ContractSchemas() {
    }

    static JsonSchema schema(String file) {
        try (InputStream in = Files.newInputStream(SCHEMAS.resolve(file))) {
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails on the first published outcome event that breaks outcome-event.schema.json, naming the problems. */
    public static void assertOutcomesValid(List<RecordedEvent> events) {
        for (RecordedEvent event : events) {
            JsonNode envelope = event.toEnvelope(JSON);
            var problems = validateOutcome(envelope);
            if (!problems.isEmpty()) {
                throw new AssertionError("Outcome event breaks outcome-event.schema.json: " + problems + " in "
                        + envelope);
            }
        }
    }

    /** A sample of what the function publishes, from {@link #OUTCOMES}. */
    static JsonNode outcome(String file) {
        try {
            return JSON.readTree(OUTCOMES.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode event(String file) {
        try {
            return JSON.readTree(EVENTS.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<ValidationMessage> validateRequest(JsonNode request) {
        return REQUEST.validate(request);
    }

    public static Set<ValidationMessage> validateOutcome(JsonNode event) {
        return OUTCOME.validate(event);
    }

    /** Checks the output a Step Functions task receives with SendTaskSuccess. */
    public static Set<ValidationMessage> validateTaskOutput(JsonNode output) {
        return TASK_OUTPUT.validate(output);
    }
}

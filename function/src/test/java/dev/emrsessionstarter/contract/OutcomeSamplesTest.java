package dev.emrsessionstarter.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.emr.StartupOutcome;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.testing.TestSettings;
import dev.emrsessionstarter.testing.WatchFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The outcome samples show what the function publishes, so they must not drift from it: the function publishes each
 * kind of event here, in the situation its sample describes (the same trigger, so {@code attempt} is a number or null
 * alike), and the sample must have exactly that event's shape: the same members at every depth, each of the same JSON
 * type.
 */
class OutcomeSamplesTest {

    private static final Map<String, JsonNode> PUBLISHED = new HashMap<>();

    @BeforeAll
    static void publish_one_event_of_each_kind() throws Exception {
        try (WatchFixture watch = WatchFixture.start(WatchFixture.watching()
                .with(Settings.READINESS_TIMEOUT_MINUTES, "1"))) {
            // Started, then Ready: an SQS request.
            watch.sqsHandler().handleRequest(SqsEvents.batch(SqsEvents.message("started", Requests.valid()
                    .put("name", "ready").toString())), LocalContext.fresh());
            watch.deliverAllChecks(10);
            // Start Failed, final: an SQS request failing transiently on its last delivery.
            watch.aws().emr().faults(EmrOperation.START_SESSION).failNext(3, CallFault.INTERNAL_ERROR);
            watch.sqsHandler().handleRequest(SqsEvents.batch(SqsEvents.message("last", Requests.valid().toString(),
                    Integer.parseInt(TestSettings.sample().environment().get(Settings.MAX_RECEIVE_COUNT)))),
                    LocalContext.fresh());
            // Session Failed: a request from an EventBridge rule whose session fails.
            watch.eventBridgeHandler().handleRequest(
                    EventLoader.loadScheduledEvent("events/eventbridge-event.json"), LocalContext.fresh());
            watch.deliverNextCheck();
            String failing = watch.details(OutcomeEvents.STARTED).stream()
                    .filter(detail -> detail.get("trigger").asText().equals("eventbridge")).findFirst().orElseThrow()
                    .get("sessionId").asText();
            watch.aws().emr().failSession(TestSettings.APPLICATION_ID, failing, "Insufficient capacity");
            watch.deliverAllChecks(10);
            // Not Ready: a direct invoke whose session never starts.
            watch.aws().emr().startupForNextSessions(1, StartupOutcome.neverReady());
            watch.directHandler().handleRequest(new ByteArrayInputStream(Requests.valid()
                    .put("idempotencyKey", "execution/StartSession").toString().getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), LocalContext.fresh());
            watch.deliverAllChecks(10);

            for (RecordedEvent event : watch.events()) {
                PUBLISHED.putIfAbsent(event.detailType(), event.toEnvelope(ContractSchemas.JSON));
            }
        }
        try (WatchFixture watch = WatchFixture.start(WatchFixture.followingToEnd())) {
            // Session Ended: an SQS request whose session idles out; Session Terminated: a request ending another.
            watch.sqsHandler().handleRequest(SqsEvents.batch(SqsEvents.message("ends", Requests.valid()
                    .put("idleTimeoutMinutes", 30).toString())), LocalContext.fresh());
            watch.deliverAllChecks(20);
            watch.sqsHandler().handleRequest(SqsEvents.batch(SqsEvents.message("to-end", Requests.valid().toString())),
                    LocalContext.fresh());
            watch.deliverNextCheck();
            String sessionId = watch.details(OutcomeEvents.STARTED).get(1).get("sessionId").asText();
            watch.sqsHandler().handleRequest(SqsEvents.batch(SqsEvents.message("terminate", ContractSchemas.JSON
                    .createObjectNode().put("action", "terminate").put("applicationId", TestSettings.APPLICATION_ID)
                    .put("sessionId", sessionId).put("correlationId", "teardown").toString())), LocalContext.fresh());
            for (RecordedEvent event : watch.events()) {
                PUBLISHED.putIfAbsent(event.detailType(), event.toEnvelope(ContractSchemas.JSON));
            }
        }
        try (WatchFixture watch = WatchFixture.start(WatchFixture.followingToEnd()
                .with(Settings.FOLLOW_TO_END_MAX_HOURS, "1"))) {
            // Session Still Running: a session that outlives the watch.
            watch.sqsHandler().handleRequest(SqsEvents.batch(SqsEvents.message("runs", Requests.valid()
                    .put("idleTimeoutMinutes", 600).toString())), LocalContext.fresh());
            watch.deliverAllChecks(20);
            for (RecordedEvent event : watch.events()) {
                PUBLISHED.putIfAbsent(event.detailType(), event.toEnvelope(ContractSchemas.JSON));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "outcome-started.json,        EMR Serverless Session Started",
        "outcome-start-failed.json,   EMR Serverless Session Start Failed",
        "outcome-ready.json,          EMR Serverless Session Ready",
        "outcome-session-failed.json, EMR Serverless Session Failed",
        "outcome-not-ready.json,      EMR Serverless Session Not Ready",
        "outcome-ended.json,          EMR Serverless Session Ended",
        "outcome-still-running.json,  EMR Serverless Session Still Running",
        "outcome-terminated.json,     EMR Serverless Session Terminated"})
    void each_outcome_sample_has_the_shape_of_what_the_function_publishes(String file, String detailType) {
        JsonNode sample = ContractSchemas.outcome(file);

        assertThat(sample.path("detail-type").asText()).isEqualTo(detailType);
        assertThat(PUBLISHED).as("the function published a %s event", detailType).containsKey(detailType);
        assertThat(shape(sample)).isEqualTo(shape(PUBLISHED.get(detailType)));
    }

    /** Every member's path, at every depth, with its JSON type. */
    private static Map<String, String> shape(JsonNode node) {
        Map<String, String> shape = new TreeMap<>();
        collect("", node, shape);
        return shape;
    }

    private static void collect(String path, JsonNode node, Map<String, String> shape) {
        shape.put(path.isEmpty() ? "." : path, node.getNodeType().toString().toLowerCase());
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                collect(path + "." + field.getKey(), field.getValue(), shape);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            collect(path + "[]", node.get(0), shape);
        }
    }
}

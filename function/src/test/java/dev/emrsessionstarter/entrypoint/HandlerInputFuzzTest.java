package dev.emrsessionstarter.entrypoint;

import dev.emrsessionstarter.testing.TestPorts;
import dev.emrsessionstarter.wiring.Timing;
import dev.emrsessionstarter.wiring.FunctionComponents;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.BatchPublisher;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.SessionStarter;
import dev.emrsessionstarter.core.port.StartSessionCommand;
import dev.emrsessionstarter.core.port.StartedSession;
import dev.emrsessionstarter.core.retry.RetryPolicy;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.TestSettings;
import java.time.Clock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Each handler takes any input without an exception other than its documented ones: the direct handler's four
 * {@link SessionRequestFailedException} types, and {@link SessionStartRetryableException} from the EventBridge one.
 * Every response names only messages of its batch, and every outcome event is a JSON object PutEvents can carry.
 *
 * <p>EMR Serverless and EventBridge are in-memory fakes here so the fuzzer runs fast; the wire paths are covered by
 * the tests against the emulators. A plain test run replays the seeds in {@code HandlerInputFuzzTestInputs}.
 */
class HandlerInputFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:session-requests";
    private static final AcceptingPublisher PUBLISHER = new AcceptingPublisher();
    private static PrintStream originalOut;
    private static SqsSessionRequestHandler sqs;
    private static EventBridgeSessionRequestHandler eventBridge;
    private static DirectSessionRequestHandler direct;

    /** The handlers log and emit metrics for every input: keep that work, drop the text. */
    @BeforeAll
    static void assemble() {
        originalOut = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true));
        FunctionComponents components = FunctionComponents.assemble(TestSettings.sample().build(),
                TestPorts.of(new InstantStarter(), PUBLISHER), new Timing(RetryPolicy.startSessionDefaults(),
                        RetryPolicy.publishDefaults(), duration -> { }, Clock.systemUTC()));
        sqs = new SqsSessionRequestHandler(components, FunctionFixture.powertoolsMetrics());
        eventBridge = new EventBridgeSessionRequestHandler(components, FunctionFixture.powertoolsMetrics());
        direct = new DirectSessionRequestHandler(components, FunctionFixture.powertoolsMetrics());
    }

    @AfterAll
    static void restore() {
        System.setOut(originalOut);
    }

    @FuzzTest
    void the_sqs_handler_takes_any_batch(FuzzedDataProvider data) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        int count = data.consumeInt(0, 12);
        boolean fifo = data.consumeBoolean();
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            records.add(data.consumeInt(0, 15) == 0 ? null : message(data, fifo));
        }
        event.setRecords(data.consumeInt(0, 30) == 0 ? null : records);
        PUBLISHER.clear();

        SQSBatchResponse response = sqs.handleRequest(event, LocalContext.fresh());

        Set<String> ids = new HashSet<>();
        records.stream().filter(java.util.Objects::nonNull).forEach(record -> ids.add(record.getMessageId()));
        assertThat(response).isNotNull();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            // "" is the deliberate whole-batch failure for a message without an id.
            assertThat(failure.getItemIdentifier()).satisfiesAnyOf(
                    id -> assertThat(ids).contains(id), id -> assertThat(id).isEmpty());
        }
        PUBLISHER.assertPublishable();
    }

    @FuzzTest
    void the_eventbridge_handler_takes_any_event(byte[] payload) {
        ScheduledEvent event;
        try {
            event = LambdaEventSerializers.serializerFor(ScheduledEvent.class, getClass().getClassLoader())
                    .fromJson(new ByteArrayInputStream(payload));
        } catch (RuntimeException notAnEvent) {
            return; // the Lambda runtime refuses it before any handler runs
        }
        PUBLISHER.clear();
        try {
            eventBridge.handleRequest(event, LocalContext.fresh());
        } catch (SessionStartRetryableException documented) {
            // Lambda retries it: documented.
        }
        PUBLISHER.assertPublishable();
    }

    @FuzzTest
    void the_direct_handler_takes_any_payload(byte[] payload) throws IOException {
        PUBLISHER.clear();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            direct.handleRequest(new ByteArrayInputStream(payload), output, LocalContext.fresh());
            JsonNode answer = JSON.readTree(output.toByteArray());
            assertThat(answer.get("sessionId").isTextual()).isTrue();
        } catch (InvalidSessionRequestException | SessionRequestNotAllowedException | SessionStartRejectedException
                 | SessionStartRetryableException documented) {
            assertThat(documented.errorCode()).isNotBlank();
        }
        PUBLISHER.assertPublishable();
    }

    private static SQSEvent.SQSMessage message(FuzzedDataProvider data, boolean fifo) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(data.consumeInt(0, 10) == 0 ? null : data.consumeString(40));
        message.setReceiptHandle("receipt");
        message.setBody(switch (data.consumeInt(0, 3)) {
            case 0 -> null;
            case 1 -> Requests.valid().toString();
            case 2 -> Requests.valid().put("name", data.consumeString(300)).toString();
            default -> data.consumeString(2000);
        });
        Map<String, String> attributes = new HashMap<>();
        if (data.consumeBoolean()) {
            attributes.put("ApproximateReceiveCount", data.consumeString(12));
        }
        if (data.consumeBoolean()) {
            attributes.put("MessageGroupId", data.consumeString(20));
        }
        message.setAttributes(data.consumeInt(0, 20) == 0 ? null : attributes);
        message.setEventSource("aws:sqs");
        message.setEventSourceArn(data.consumeInt(0, 10) == 0 ? null : fifo ? QUEUE_ARN + ".fifo" : QUEUE_ARN);
        message.setAwsRegion("us-east-1");
        return message;
    }

    /** Starts a session for any command at once, named after its client token. */
    private static final class InstantStarter implements SessionStarter {
        @Override
        public ServiceCall<StartedSession> start(StartSessionCommand command, Duration timeout) {
            String sessionId = Integer.toHexString(command.clientToken().hashCode());
            return new ServiceCall.Answered<>(new StartedSession(command.applicationId(), sessionId,
                    "arn:aws:emr-serverless:us-east-1:123456789012:/applications/" + command.applicationId()
                            + "/sessions/" + sessionId));
        }
    }

    /** Accepts every event, keeping the details to check that PutEvents could carry them. */
    private static final class AcceptingPublisher implements BatchPublisher<OutcomeEvent> {
        private final List<String> details = new ArrayList<>();

        @Override
        public synchronized List<ServiceCall<String>> send(List<OutcomeEvent> events, Duration timeout) {
            List<ServiceCall<String>> results = new ArrayList<>();
            for (OutcomeEvent event : events) {
                details.add(event.detail());
                results.add(new ServiceCall.Answered<>("event-" + details.size()));
            }
            return results;
        }

        synchronized void clear() {
            details.clear();
        }

        /**
         * A detail must be a JSON object text. It may hold unpaired surrogates (an identity may: the Lambda runtime
         * decodes encoded surrogates in an event id into them); the SDK escapes those on the wire, as the tests
         * against the emulator show.
         */
        synchronized void assertPublishable() {
            for (String detail : details) {
                try {
                    assertThat(JSON.readTree(detail).isObject()).as(detail).isTrue();
                } catch (IOException notJson) {
                    throw new AssertionError("an outcome event detail is not JSON: " + detail, notJson);
                }
            }
        }
    }
}

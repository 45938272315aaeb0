package dev.emrsessionstarter.emulator.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.emulator.SdkClients;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.fault.EntryFault;
import dev.emrsessionstarter.emulator.time.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InternalException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

class EventBridgeEmulatorTest {

    private static final String DETAIL = "{\"clientToken\":\"abc\",\"sessionId\":\"00f1\"}";

    private final ManualClock clock = ManualClock.startingAt("2026-03-01T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper();
    private EventBridgeEmulator emulator;
    private EventBridgeClient client;
    private EventBridgeClient once;

    @BeforeEach
    void start() {
        emulator = EventBridgeEmulator.builder().clock(clock).seed(3).build().addEventBus("outcomes").start();
        client = SdkClients.eventBridge(emulator.endpoint(), SdkClients.standardRetriesWithoutBackoff());
        once = SdkClients.eventBridge(emulator.endpoint(), SdkClients.noRetries());
    }

    @AfterEach
    void stop() {
        client.close();
        once.close();
        emulator.close();
    }

    @Test
    void records_accepted_events() {
        Instant eventTime = Instant.parse("2026-02-28T23:59:59Z");
        PutEventsResponse response = client.putEvents(request -> request.entries(
                entry().resources("arn:aws:emr-serverless:us-east-1:123456789012:/applications/a/sessions/s").build(),
                entry().eventBusName("outcomes").time(eventTime).build()));

        assertThat(response.failedEntryCount()).isZero();
        assertThat(response.entries()).extracting(PutEventsResultEntry::eventId).doesNotContainNull();
        List<RecordedEvent> events = emulator.events();
        assertThat(events).hasSize(2);
        RecordedEvent first = events.get(0);
        assertThat(first.eventId()).isEqualTo(response.entries().get(0).eventId());
        assertThat(first.eventBusName()).isEqualTo("default");
        assertThat(first.source()).isEqualTo("emr-session-starter");
        assertThat(first.detailType()).isEqualTo("EMR Serverless Session Started");
        assertThat(first.detail().get("sessionId").asText()).isEqualTo("00f1");
        assertThat(first.resources()).hasSize(1);
        assertThat(first.time()).isEqualTo(clock.instant());
        assertThat(events.get(1).eventBusName()).isEqualTo("outcomes");
        assertThat(events.get(1).time()).isEqualTo(eventTime);
        assertThat(emulator.events("outcomes")).hasSize(1);
        assertThat(emulator.putEventsCalls()).isEqualTo(1);
        assertThat(emulator.entriesReceived()).isEqualTo(2);
    }

    @Test
    void a_bus_arn_of_this_account_names_the_bus() {
        client.putEvents(request -> request.entries(
                entry().eventBusName("arn:aws:events:us-east-1:123456789012:event-bus/outcomes").build()));

        assertThat(emulator.events("outcomes")).hasSize(1);
    }

    @Test
    void the_envelope_looks_like_what_a_rule_delivers() {
        client.putEvents(request -> request.entries(entry().build()));

        ObjectNode envelope = emulator.events().get(0).toEnvelope(json);

        assertThat(envelope.get("detail-type").asText()).isEqualTo("EMR Serverless Session Started");
        assertThat(envelope.get("time").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(envelope.get("account").asText()).isEqualTo("123456789012");
        assertThat(envelope.get("detail").get("clientToken").asText()).isEqualTo("abc");
    }

    @Test
    void unknown_buses_can_be_accepted_silently_like_the_real_service() {
        try (EventBridgeEmulator lenient = EventBridgeEmulator.builder()
                .unknownBusPolicy(UnknownBusPolicy.ACCEPT_AND_DISCARD).build().start();
             EventBridgeClient lenientClient = SdkClients.eventBridge(lenient.endpoint(), SdkClients.noRetries())) {
            PutEventsResponse response = lenientClient.putEvents(request -> request.entries(
                    entry().eventBusName("nosuchbus").build()));

            assertThat(response.failedEntryCount()).isZero();
            assertThat(response.entries().get(0).eventId()).isNotBlank();
            assertThat(lenient.events()).isEmpty();
        }
    }

    @Test
    void per_entry_faults_fail_selected_entries() {
        emulator.entryFaults().failCalls(EntryFault.INTERNAL_FAILURE, 2).failCalls(EntryFault.THROTTLING, 3);

        PutEventsResponse response = client.putEvents(request -> request.entries(
                entry().build(), entry().build(), entry().build(), entry().build()));

        assertThat(response.failedEntryCount()).isEqualTo(2);
        assertThat(response.entries()).extracting(PutEventsResultEntry::errorCode)
                .containsExactly(null, "InternalFailure", "ThrottlingException", null);
        assertThat(emulator.events()).hasSize(2);
    }

    @Test
    void fractional_entry_faults_are_reproducible() {
        assertThat(entryOutcomes(5)).isEqualTo(entryOutcomes(5)).contains("ok", "InternalFailure");
    }

    @Test
    void whole_call_faults_use_the_json11_errors() {
        emulator.callFaults().failNext(1, CallFault.INTERNAL_ERROR).failCalls(CallFault.THROTTLING, 2)
                .failCalls(CallFault.DROP_CONNECTION, 3);

        InternalException internal = catchThrowableOfType(InternalException.class,
                () -> once.putEvents(request -> request.entries(entry().build())));
        EventBridgeException throttled = catchThrowableOfType(EventBridgeException.class,
                () -> once.putEvents(request -> request.entries(entry().build())));
        SdkClientException dropped = catchThrowableOfType(SdkClientException.class,
                () -> once.putEvents(request -> request.entries(entry().build())));

        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(internal.awsErrorDetails().errorCode()).isEqualTo("InternalException");
        assertThat(throttled.statusCode()).isEqualTo(400);
        assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
        assertThat(dropped).isNotNull();
        assertThat(emulator.events()).isEmpty();
        assertThat(emulator.putEventsCalls()).isEqualTo(3);
    }

    @Test
    void sdk_retries_whole_call_failures() {
        emulator.callFaults().failNext(2, CallFault.INTERNAL_ERROR);

        PutEventsResponse response = client.putEvents(request -> request.entries(entry().build()));

        assertThat(response.failedEntryCount()).isZero();
        assertThat(emulator.putEventsCalls()).isEqualTo(3);
        assertThat(emulator.putEventsRequestBodies()).hasSize(3).allMatch(body -> body.contains("\"Entries\""));
        assertThat(emulator.events()).hasSize(1);
    }

    @Test
    void failure_after_commit_records_the_events_and_the_retry_duplicates_them() {
        emulator.callFaults().failNext(1, CallFault.FAIL_AFTER_COMMIT);

        client.putEvents(request -> request.entries(entry().build()));

        assertThat(emulator.events()).hasSize(2);
        assertThat(emulator.events()).extracting(event -> event.detail().get("clientToken").asText())
                .containsOnly("abc");
    }

    private List<String> entryOutcomes(long seed) {
        try (EventBridgeEmulator seeded = EventBridgeEmulator.builder().seed(seed).build().start();
             EventBridgeClient seededClient = SdkClients.eventBridge(seeded.endpoint(), SdkClients.noRetries())) {
            seeded.entryFaults().failFraction(0.4, EntryFault.INTERNAL_FAILURE);
            List<String> outcomes = new ArrayList<>();
            for (int call = 0; call < 3; call++) {
                seededClient.putEvents(request -> request.entries(IntStream.range(0, 10)
                                .mapToObj(i -> entry().build()).toList()))
                        .entries()
                        .forEach(result -> outcomes.add(result.errorCode() == null ? "ok" : result.errorCode()));
            }
            return outcomes;
        }
    }

    private static PutEventsRequestEntry.Builder entry() {
        return PutEventsRequestEntry.builder()
                .source("emr-session-starter")
                .detailType("EMR Serverless Session Started")
                .detail(DETAIL);
    }
}

package dev.emrsessionstarter.adapter.eventbridge;

import dev.emrsessionstarter.adapter.ServiceError;
import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.BatchPublisher;
import dev.emrsessionstarter.core.port.ServiceCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes outcome events with EventBridge {@code PutEvents}: at most 10 entries and well under 256 KB per call,
 * reading the result entry by entry, because a call that succeeds may still have failed entries.
 */
public final class EventBridgeOutcomePublisher implements BatchPublisher<OutcomeEvent> {

    static final int MAX_ENTRIES_PER_CALL = 10;
    /** PutEvents takes 256 KB per call; leave room for the request's own framing. */
    static final int MAX_BYTES_PER_CALL = 240 * 1024;

    /** Per-entry codes worth sending again; the others (access, malformed detail) will not change. */
    private static final String THROTTLING_ENTRY_CODE = "ThrottlingException";
    private static final Set<String> RETRYABLE_ENTRY_CODES = Set.of("InternalFailure", THROTTLING_ENTRY_CODE);

    private final EventBridgeClient client;
    private final String eventBusName;
    private final String source;

    public EventBridgeOutcomePublisher(EventBridgeClient client, String eventBusName, String source) {
        this.client = client;
        this.eventBusName = eventBusName;
        this.source = source;
    }

    @Override
    public List<ServiceCall<String>> send(List<OutcomeEvent> events, Duration timeout) {
        List<ServiceCall<String>> results = new ArrayList<>(events.size());
        for (List<OutcomeEvent> call : calls(events)) {
            results.addAll(sendCall(call, timeout));
        }
        return results;
    }

    /** Splits the events into PutEvents calls, keeping their order. */
    private List<List<OutcomeEvent>> calls(List<OutcomeEvent> events) {
        List<List<OutcomeEvent>> calls = new ArrayList<>();
        List<OutcomeEvent> current = new ArrayList<>();
        int currentBytes = 0;
        for (OutcomeEvent event : events) {
            int size = entrySize(event);
            if (!current.isEmpty() && (current.size() == MAX_ENTRIES_PER_CALL || currentBytes + size > MAX_BYTES_PER_CALL)) {
                calls.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(event);
            currentBytes += size;
        }
        if (!current.isEmpty()) {
            calls.add(current);
        }
        return calls;
    }

    /** The PutEvents request for one call's events (at most 10, as {@link #send} splits them). */
    public PutEventsRequest request(List<OutcomeEvent> events, Duration timeout) {
        return PutEventsRequest.builder()
                .entries(events.stream().map(this::entry).toList())
                .overrideConfiguration(override -> override.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout))
                .build();
    }

    private List<ServiceCall<String>> sendCall(List<OutcomeEvent> events, Duration timeout) {
        PutEventsRequest request = request(events, timeout);
        try {
            PutEventsResponse response = client.putEvents(request);
            return perEntry(response, events.size());
        } catch (SdkException failure) {
            return Collections.nCopies(events.size(), ServiceError.of(failure, "PutEvents", timeout));
        }
    }

    private static List<ServiceCall<String>> perEntry(PutEventsResponse response, int sent) {
        List<PutEventsResultEntry> entries = response.entries();
        if (entries == null || entries.size() != sent) {
            // Without one result per entry nothing can be known to have arrived; sending again is safe (consumers
            // deduplicate on clientToken).
            return Collections.nCopies(sent, ServiceCall.Failed.of("InvalidResponse",
                    "PutEvents answered with a different number of entries", true));
        }
        List<ServiceCall<String>> results = new ArrayList<>(sent);
        for (PutEventsResultEntry entry : entries) {
            if (entry.errorCode() != null || entry.eventId() == null) {
                String code = entry.errorCode() != null ? entry.errorCode() : "MissingEventId";
                results.add(new ServiceCall.Failed<>(code, entry.errorMessage(), 200,
                        entry.errorCode() == null || RETRYABLE_ENTRY_CODES.contains(code),
                        THROTTLING_ENTRY_CODE.equals(code)));
            } else {
                results.add(new ServiceCall.Answered<>(entry.eventId()));
            }
        }
        return results;
    }

    private PutEventsRequestEntry entry(OutcomeEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(eventBusName)
                .source(source)
                .detailType(event.detailType())
                .detail(event.detail())
                .resources(event.resources().isEmpty() ? null : event.resources())
                .build();
    }

    /** EventBridge's own measure: the UTF-8 bytes of source, detail-type, detail and resources, plus 14 for Time. */
    private int entrySize(OutcomeEvent event) {
        int size = 14 + utf8(source) + utf8(event.detailType()) + utf8(event.detail());
        for (String resource : event.resources()) {
            size += utf8(resource);
        }
        return size;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}

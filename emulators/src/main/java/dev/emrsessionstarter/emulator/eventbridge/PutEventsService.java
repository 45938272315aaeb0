package dev.emrsessionstarter.emulator.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.emulator.fault.EntryFault;
import dev.emrsessionstarter.emulator.fault.FaultPlan;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PutEvents without HTTP. The whole call is refused as {@link PutEventsRequestValidator} says; otherwise each entry
 * succeeds or fails by itself, in request order: Source, DetailType or Detail missing or empty, or DetailType over 128
 * characters: {@code InvalidArgument}; Detail not a JSON object: {@code MalformedDetail}; a source starting with
 * {@code aws.}: {@code NotAuthorizedForSourceException}; an unknown bus: see {@link UnknownBusPolicy}; then the
 * injected per-entry faults. The answer is a 200 with {@code FailedEntryCount} even when every entry failed.
 */
final class PutEventsService {

    private static final int MAX_DETAIL_TYPE_LENGTH = 128;

    private final ObjectMapper json;
    private final Clock clock;
    private final EventBuses buses;
    private final UnknownBusPolicy unknownBusPolicy;
    private final FaultPlan<EntryFault> entryFaults;
    private final AtomicInteger entriesProcessed;
    private final String region;
    private final String accountId;
    private final Random eventIds;
    private final List<RecordedEvent> recorded = Collections.synchronizedList(new ArrayList<>());

    PutEventsService(ObjectMapper json, Clock clock, EventBuses buses, UnknownBusPolicy unknownBusPolicy,
                     FaultPlan<EntryFault> entryFaults, AtomicInteger entriesProcessed, String region,
                     String accountId, long seed) {
        this.json = json;
        this.clock = clock;
        this.buses = buses;
        this.unknownBusPolicy = unknownBusPolicy;
        this.entryFaults = entryFaults;
        this.entriesProcessed = entriesProcessed;
        this.region = region;
        this.accountId = accountId;
        this.eventIds = new Random(seed);
    }

    List<RecordedEvent> recorded() {
        return List.copyOf(recorded);
    }

    void clearRecorded() {
        recorded.clear();
    }

    ObjectNode putEvents(JsonNode body) {
        List<PutEventsEntry> entries = PutEventsRequestValidator.entries(body);
        ArrayNode results = json.createArrayNode();
        int failed = 0;
        for (PutEventsEntry entry : entries) {
            ObjectNode result = results.addObject();
            EntryResult outcome = process(entry);
            if (outcome.eventId() == null) {
                failed++;
                result.put("ErrorCode", outcome.errorCode());
                result.put("ErrorMessage", outcome.errorMessage());
            } else {
                result.put("EventId", outcome.eventId());
            }
        }
        ObjectNode response = json.createObjectNode();
        response.put("FailedEntryCount", failed);
        response.set("Entries", results);
        return response;
    }

    /** Records the entry's event, or says why it failed. */
    private EntryResult process(PutEventsEntry entry) {
        String missing = entry.missingRequiredMember();
        if (missing != null) {
            return EntryResult.failed("InvalidArgument",
                    "Parameter " + missing + " is not valid. Reason: " + missing + " is a required argument.");
        }
        if (entry.detailType().length() > MAX_DETAIL_TYPE_LENGTH) {
            return EntryResult.failed("InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is"
                    + " longer than " + MAX_DETAIL_TYPE_LENGTH + " characters.");
        }
        JsonNode detail = parseDetail(entry.detail());
        if (detail == null || !detail.isObject()) {
            return EntryResult.failed("MalformedDetail", "Detail is malformed.");
        }
        if (entry.source().startsWith("aws.")) {
            return EntryResult.failed("NotAuthorizedForSourceException", "Not authorized for the source.");
        }
        Optional<String> bus = buses.resolve(entry.eventBusName());
        if (bus.isEmpty() && unknownBusPolicy == UnknownBusPolicy.REJECT_ENTRY) {
            return EntryResult.failed("InvalidArgument", "Event bus " + entry.eventBusName() + " does not exist.");
        }
        Optional<EntryFault> fault = entryFaults.decide(entriesProcessed.incrementAndGet(),
                PutEventsEntry.key(detail, entry.detailType()));
        if (fault.isPresent()) {
            return EntryResult.failed(fault.get().errorCode(), fault.get().errorMessage());
        }
        String eventId = nextEventId();
        if (bus.isPresent()) {
            recorded.add(new RecordedEvent(eventId, bus.get(), entry.source(), entry.detailType(), detail,
                    entry.resources(), entry.time() != null ? entry.time() : clock.instant(), entry.traceHeader(),
                    accountId, region));
        }
        return new EntryResult(eventId, null, null);
    }

    private JsonNode parseDetail(String detail) {
        try {
            return json.readTree(detail);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** Event ids shaped like EventBridge's (a UUID), drawn from a seeded random so runs are reproducible. */
    private synchronized String nextEventId() {
        return new UUID(eventIds.nextLong(), eventIds.nextLong()).toString();
    }

    /** Either an event id or an error code and message. */
    private record EntryResult(String eventId, String errorCode, String errorMessage) {
        static EntryResult failed(String code, String message) {
            return new EntryResult(null, code, message);
        }
    }
}

package dev.emrsessionstarter.emulator.eventbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.fault.EntryFault;
import dev.emrsessionstarter.emulator.fault.FaultPlan;
import dev.emrsessionstarter.emulator.http.CallPipeline;
import dev.emrsessionstarter.emulator.http.ReceivedViews;
import dev.emrsessionstarter.emulator.http.ServerSlot;
import dev.emrsessionstarter.emulator.http.WireFormat;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process emulator of EventBridge {@code PutEvents} over the real JSON 1.1 wire format, recording the events it
 * accepts so tests can read them. Two fault plans: {@link #callFaults()} for whole calls and {@link #entryFaults()}
 * for single entries inside a successful call (numbered by the entries that reach processing).
 *
 * <p>Each instance owns all its state. Thread-safe.
 */
public final class EventBridgeEmulator implements AutoCloseable {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    /** {@code GET} on the emulator's endpoint: the events it accepted and the calls it received, as JSON. */
    public static final String EVENTS_VIEW = ReceivedViews.PREFIX + "events";

    private final EventBuses buses;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger entriesReceived = new AtomicInteger();
    private final AtomicInteger entriesProcessed = new AtomicInteger();
    private final FaultPlan<CallFault> callFaults;
    private final FaultPlan<EntryFault> entryFaults;
    private final PutEventsService service;
    private final EventBridgeHttpHandler handler;
    private final ObjectMapper json = new ObjectMapper();
    private final ServerSlot server;

    private EventBridgeEmulator(Builder builder) {
        ObjectMapper json = new ObjectMapper();
        this.buses = new EventBuses(builder.region, builder.accountId);
        this.callFaults = new FaultPlan<>(calls::get, builder.seed);
        this.entryFaults = new FaultPlan<>(entriesProcessed::get, builder.seed + 1);
        this.service = new PutEventsService(json, builder.clock, buses, builder.unknownBusPolicy, entryFaults,
                entriesProcessed, builder.region, builder.accountId, builder.seed);
        CallPipeline pipeline = new CallPipeline(json, WireFormat.awsJson11(), "events", builder.region,
                builder.requireSignature);
        this.handler = new EventBridgeHttpHandler(json, service, pipeline, callFaults, calls, entriesReceived);
        this.server = new ServerSlot("eventbridge-emulator", builder.port, handler,
                ReceivedViews.of("events", this::eventsView));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening on 127.0.0.1 (an ephemeral port unless the builder set one). Returns this. */
    public EventBridgeEmulator start() {
        server.start();
        return this;
    }

    /** The endpoint to give the SDK client, {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Adds a custom event bus; {@code default} always exists. */
    public EventBridgeEmulator addEventBus(String name) {
        buses.add(name);
        return this;
    }

    /** Faults of whole PutEvents calls (latency, 500 InternalException, 400 ThrottlingException, drops). */
    public FaultPlan<CallFault> callFaults() {
        return callFaults;
    }

    /** Per-entry failures (InternalFailure, ThrottlingException) inside otherwise successful calls. */
    public FaultPlan<EntryFault> entryFaults() {
        return entryFaults;
    }

    /** PutEvents requests received, faulted ones included. */
    public int putEventsCalls() {
        return calls.get();
    }

    /** Entries in all PutEvents requests received (those whose body was JSON with an Entries array). */
    public int entriesReceived() {
        return entriesReceived.get();
    }

    /** The raw bodies of every PutEvents request received, in arrival order. */
    public List<String> putEventsRequestBodies() {
        return handler.bodies();
    }

    /** Every event accepted onto a known bus, in acceptance order. */
    public List<RecordedEvent> events() {
        return service.recorded();
    }

    public List<RecordedEvent> events(String eventBusName) {
        return service.recorded().stream().filter(event -> event.eventBusName().equals(eventBusName)).toList();
    }

    /**
     * What {@value #EVENTS_VIEW} answers: every event accepted, in acceptance order, as a rule target would receive
     * it, with the bus it went to; and how many calls and entries arrived.
     */
    ObjectNode eventsView() {
        ObjectNode view = json.createObjectNode();
        ArrayNode events = view.putArray("events");
        for (RecordedEvent event : service.recorded()) {
            events.add(event.toEnvelope(json).put("eventBusName", event.eventBusName()));
        }
        view.put("putEventsCalls", calls.get());
        view.put("entriesReceived", entriesReceived.get());
        return view;
    }

    /** Forgets the recorded events (counters keep counting). */
    public void clearEvents() {
        service.clearRecorded();
    }

    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private String region = DEFAULT_REGION;
        private String accountId = DEFAULT_ACCOUNT_ID;
        private UnknownBusPolicy unknownBusPolicy = UnknownBusPolicy.REJECT_ENTRY;
        private long seed = 42;
        private int port;
        private boolean requireSignature = true;

        private Builder() {
        }

        /** Stamps entries that carry no Time. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder unknownBusPolicy(UnknownBusPolicy unknownBusPolicy) {
            this.unknownBusPolicy = unknownBusPolicy;
            return this;
        }

        /** Seeds event ids and the fractional fault rules. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Whether requests must carry a SigV4 header scoped to {@code events} and the region (default true). */
        public Builder requireSignature(boolean requireSignature) {
            this.requireSignature = requireSignature;
            return this;
        }

        public EventBridgeEmulator build() {
            return new EventBridgeEmulator(this);
        }
    }
}

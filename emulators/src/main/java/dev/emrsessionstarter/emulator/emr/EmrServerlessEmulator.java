package dev.emrsessionstarter.emulator.emr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.fault.FaultPlan;
import dev.emrsessionstarter.emulator.http.CallPipeline;
import dev.emrsessionstarter.emulator.http.ReceivedViews;
import dev.emrsessionstarter.emulator.http.ServerSlot;
import dev.emrsessionstarter.emulator.http.WireFormat;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-process emulator of the EMR Serverless session API (StartSession, GetSession, ListSessions, TerminateSession,
 * GetSessionEndpoint, GetApplication, StartApplication) that speaks the real rest-json wire format, so the SDK client
 * under test talks to it unchanged through an endpoint override.
 *
 * <pre>{@code
 * try (var emr = EmrServerlessEmulator.builder().clock(clock)
 *         .startupPlan(StartupPlan.seeded(7).ready(0.9, Duration.ofSeconds(40)).neverReady(0.1)).build()) {
 *     emr.addApplication(Application.builder().id("00fkabc123xyz").build());
 *     emr.start();
 *     emr.faults(EmrOperation.START_SESSION).failNext(1, CallFault.INTERNAL_ERROR);
 *     ... client.endpointOverride(emr.endpoint()) ...
 *     assertThat(emr.sessionsCreated()).isEqualTo(1);
 * }
 * }</pre>
 *
 * Each instance owns all its state; instances are independent. Thread-safe.
 */
public final class EmrServerlessEmulator implements AutoCloseable {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    /** {@code GET} on the emulator's endpoint: the sessions it holds and the requests it received, as JSON. */
    public static final String SESSIONS_VIEW = ReceivedViews.PREFIX + "sessions";
    /** How long StartApplication keeps an application STARTING unless the builder says otherwise. */
    public static final Duration DEFAULT_APPLICATION_STARTING = Duration.ofSeconds(10);

    private final Clock clock;
    private final ApplicationRegistry applications;
    private final SessionStore sessions;
    private final SessionStartups startups;
    private final SessionEndpoints endpoints;
    private final UsageRates usageRates;
    private final EmrRequestLog log = new EmrRequestLog();
    private final Map<EmrOperation, FaultPlan<CallFault>> faults = new EnumMap<>(EmrOperation.class);
    private final EmrServerlessHttpHandler handler;
    private final ObjectMapper json = new ObjectMapper();
    private final ServerSlot server;

    private EmrServerlessEmulator(Builder builder) {
        this.clock = builder.clock;
        ObjectMapper json = new ObjectMapper();
        this.applications =
                new ApplicationRegistry(clock, builder.region, builder.accountId, builder.applicationStarting);
        this.endpoints = new SessionEndpoints(builder.region);
        this.usageRates = builder.usageRates;
        String createdBy = builder.callerArn != null ? builder.callerArn
                : "arn:aws:sts::" + builder.accountId + ":assumed-role/LocalCaller/emulator";
        this.startups = new SessionStartups(builder.timings, builder.startupPlan);
        this.sessions = new SessionStore(new IdGenerator(builder.seed), builder.region, builder.accountId, createdBy,
                builder.timings, startups);
        for (EmrOperation operation : EmrOperation.values()) {
            faults.put(operation, new FaultPlan<>(() -> log.count(operation), builder.seed + operation.ordinal()));
        }
        CallPipeline pipeline = new CallPipeline(json, WireFormat.restJson(), "emr-serverless", builder.region,
                builder.requireSignature);
        EmrServerlessService service =
                new EmrServerlessService(json, clock, applications, sessions, endpoints, usageRates);
        this.handler = new EmrServerlessHttpHandler(service, pipeline, log, faults);
        this.server = new ServerSlot("emr-serverless-emulator", builder.port, handler,
                ReceivedViews.of("sessions", this::sessionsView));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening on 127.0.0.1 (an ephemeral port unless the builder set one). Returns this. */
    public EmrServerlessEmulator start() {
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

    // --- applications -------------------------------------------------------------------------------------------

    /** Adds (or replaces) an application. */
    public EmrServerlessEmulator addApplication(Application application) {
        applications.add(application);
        return this;
    }

    /** Changes an application's state now, e.g. to STOPPED to see StartSession refused; drops a start under way. */
    public void setApplicationState(String applicationId, ApplicationState state) {
        applications.setState(applicationId, state);
    }

    /**
     * The application as it is now: StartSession with auto-start moves it to STARTED at once; StartApplication to
     * STARTING, then STARTED after the builder's {@code applicationStarting}.
     */
    public Optional<Application> application(String applicationId) {
        return applications.find(applicationId).map(RegisteredApplication::application);
    }

    // --- faults -------------------------------------------------------------------------------------------------

    /** The fault plan of one operation; configure it with its fluent methods, at any time. */
    public FaultPlan<CallFault> faults(EmrOperation operation) {
        return faults.get(operation);
    }

    // --- what happened ------------------------------------------------------------------------------------------

    /** Requests received for {@code operation}, faulted and refused ones included. */
    public int requestCount(EmrOperation operation) {
        return log.count(operation);
    }

    /** The raw bodies of every StartSession request received, in arrival order, faulted ones included. */
    public List<String> startSessionRequestBodies() {
        return log.startSessionBodies();
    }

    /**
     * Every authentication token GetSessionEndpoint has minted, in order, one per successful call (including a call
     * whose answer a {@code FAIL_AFTER_COMMIT} or {@code DROP_AFTER_COMMIT} fault threw away). They are secrets: the
     * emulator logs none and shows none in its views; a test scans what the code under test wrote for them.
     */
    public List<String> mintedAuthTokens() {
        return endpoints.minted();
    }

    /** Sessions actually created (idempotent replays do not count). */
    public int sessionsCreated() {
        return sessions.created();
    }

    /** The sessions of an application in creation order, with their state at the clock's current instant. */
    public List<SessionView> sessions(String applicationId) {
        Instant now = clock.instant();
        return sessions.sessionsOf(applicationId).stream().map(session -> SessionView.of(session, now, usageRates))
                .toList();
    }

    /**
     * What {@value #SESSIONS_VIEW} answers: every session of every application in creation order, as it is now, with
     * the members its StartSession carried; and the requests received per operation.
     */
    ObjectNode sessionsView() {
        ObjectNode view = json.createObjectNode();
        ArrayNode all = view.putArray("sessions");
        Instant now = clock.instant();
        for (StoredSession stored : sessions.all()) {
            SessionView session = SessionView.of(stored, now, usageRates);
            ObjectNode entry = all.addObject()
                    .put("applicationId", session.applicationId())
                    .put("sessionId", session.sessionId())
                    .put("arn", session.arn())
                    .put("clientToken", session.clientToken())
                    .put("state", session.state().name())
                    .put("stateDetails", session.stateDetails())
                    .put("createdAt", session.createdAt().toString())
                    .put("updatedAt", session.updatedAt().toString())
                    .put("startedAt", session.startedAt() == null ? null : session.startedAt().toString())
                    .put("endedAt", session.endedAt() == null ? null : session.endedAt().toString())
                    .put("totalExecutionDurationSeconds", session.usage().totalExecutionDurationSeconds());
            putHours(entry, "totalResourceUtilization", session.usage().total());
            putHours(entry, "billedResourceUtilization", session.usage().billed());
            entry.set("request", session.parameters());
        }
        ArrayNode apps = view.putArray("applications");
        for (RegisteredApplication registered : applications.all()) {
            Application application = registered.application();
            apps.addObject()
                    .put("applicationId", application.id())
                    .put("state", application.state().name())
                    .put("releaseLabel", application.releaseLabel())
                    .put("autoStartEnabled", application.autoStartEnabled())
                    .put("sessionEnabled", application.sessionEnabled())
                    .put("updatedAt", registered.updatedAt().toString());
        }
        ObjectNode requests = view.putObject("requests");
        for (EmrOperation operation : EmrOperation.values()) {
            requests.put(operation.apiName(), log.count(operation));
        }
        return view;
    }

    private static void putHours(ObjectNode entry, String name, SessionUsage.ResourceHours hours) {
        entry.putObject(name).put("vCPUHour", hours.vCpuHour()).put("memoryGBHour", hours.memoryGbHour())
                .put("storageGBHour", hours.storageGbHour());
    }

    public Optional<SessionView> session(String applicationId, String sessionId) {
        return sessions.find(applicationId, sessionId)
                .map(session -> SessionView.of(session, clock.instant(), usageRates));
    }

    // --- session start-up and control -------------------------------------------------------------------------

    /**
     * Replaces the start-up plan for sessions created from now on; null goes back to the {@link SessionTimings}.
     * Sessions that exist keep their outcome.
     */
    public void startupPlan(StartupPlan plan) {
        startups.plan(plan);
    }

    /** The session started with {@code clientToken} (on any application) gets {@code outcome}, whatever the plan. */
    public void startupForClientToken(String clientToken, StartupOutcome outcome) {
        startups.forClientToken(clientToken, outcome);
    }

    /**
     * The next {@code count} sessions created (in creation order, after any set for their client token) get
     * {@code outcome}, e.g. {@code StartupOutcome.neverReady()} or a slow {@code readyAfter(Duration.ofMinutes(20))}.
     */
    public void startupForNextSessions(int count, StartupOutcome outcome) {
        startups.forNext(count, outcome);
    }

    /** Makes a session FAILED now, with these state details, unless it has already ended. */
    public void failSession(String applicationId, String sessionId, String stateDetails) {
        sessions.fail(requireSession(applicationId, sessionId), clock.instant(), stateDetails);
    }

    /**
     * Terminates a session now, as TerminateSession does: TERMINATING, then TERMINATED after
     * {@link SessionTimings#terminating()}; no effect on a session already terminating or ended.
     */
    public void terminateSession(String applicationId, String sessionId) {
        sessions.terminate(requireSession(applicationId, sessionId), clock.instant());
    }

    private StoredSession requireSession(String applicationId, String sessionId) {
        return sessions.find(applicationId, sessionId)
                .orElseThrow(() -> new IllegalArgumentException("no session " + sessionId + " in " + applicationId));
    }

    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private String region = DEFAULT_REGION;
        private String accountId = DEFAULT_ACCOUNT_ID;
        private String callerArn;
        private SessionTimings timings = SessionTimings.defaults();
        private Duration applicationStarting = DEFAULT_APPLICATION_STARTING;
        private UsageRates usageRates = UsageRates.defaults();
        private StartupPlan startupPlan;
        private long seed = 42;
        private int port;
        private boolean requireSignature = true;

        private Builder() {
        }

        /** The clock that drives session states and timestamps; tests pass a ManualClock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The region in ARNs and the one the SigV4 credential scope must name. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /** The {@code createdBy} of sessions; by default an assumed-role ARN in the emulator's account. */
        public Builder callerArn(String callerArn) {
            this.callerArn = callerArn;
            return this;
        }

        public Builder sessionTimings(SessionTimings timings) {
            this.timings = timings;
            return this;
        }

        /**
         * How long StartApplication keeps a CREATED or STOPPED application STARTING before it is STARTED, on the
         * emulator's clock (default {@link #DEFAULT_APPLICATION_STARTING}; zero: STARTED at once).
         */
        public Builder applicationStarting(Duration starting) {
            if (starting == null || starting.isNegative()) {
                throw new IllegalArgumentException("applicationStarting must be zero or positive");
            }
            this.applicationStarting = starting;
            return this;
        }

        /** What a running session uses per hour, for the usage figures (default: {@link UsageRates#defaults()}). */
        public Builder usageRates(UsageRates usageRates) {
            this.usageRates = Objects.requireNonNull(usageRates, "usageRates");
            return this;
        }

        /**
         * How each new session's start-up ends, drawn by client token from a seeded plan; without one, every
         * session is ready after the {@link SessionTimings}' SUBMITTED and STARTING.
         */
        public Builder startupPlan(StartupPlan startupPlan) {
            this.startupPlan = startupPlan == null ? null : startupPlan.requireComplete();
            return this;
        }

        /** Seeds session ids and the fractional fault rules, for reproducible runs. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** A fixed port (0, the default, picks a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Whether requests must carry a SigV4 Authorization header scoped to {@code emr-serverless} and the region
         * (default true; the signature itself is not verified).
         */
        public Builder requireSignature(boolean requireSignature) {
            this.requireSignature = requireSignature;
            return this;
        }

        public EmrServerlessEmulator build() {
            return new EmrServerlessEmulator(this);
        }
    }
}

package dev.emrsessionstarter.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.adapter.eventbridge.EventBridgeOutcomePublisher;
import dev.emrsessionstarter.core.SessionRequestProcessor;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import dev.emrsessionstarter.core.reading.JsonBodies;
import dev.emrsessionstarter.core.reading.RequestReader;
import dev.emrsessionstarter.core.reading.RequestValidator;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.core.reporting.OutcomeReporting;
import dev.emrsessionstarter.core.retry.BatchSender;
import dev.emrsessionstarter.core.retry.ServiceRetries;
import dev.emrsessionstarter.core.starting.ApplicationCheck;
import dev.emrsessionstarter.core.starting.SessionStartAttempts;
import dev.emrsessionstarter.core.starting.SessionTerminations;
import dev.emrsessionstarter.core.watching.ReadinessCheckJson;
import dev.emrsessionstarter.core.watching.ReadinessWatch;
import dev.emrsessionstarter.core.watching.SessionLook;
import dev.emrsessionstarter.core.watching.TaskCompletion;
import dev.emrsessionstarter.core.watching.WatchHandoff;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * Assembles the function once per execution environment: settings, AWS clients, the request processor and the
 * readiness watch. Handlers take it from here in their no-argument constructors; tests assemble their own from the
 * same parts.
 *
 * <p>An assembly owns the StartSession lane threads it starts, and, when it built them ({@link #fromEnvironment}),
 * its AWS clients. Lambda never closes it: an execution environment ends with its process. A host that retires an
 * environment and goes on in the same JVM (a test harness, a local run) {@link #close() closes} it, or every retired
 * environment would keep its idle threads.
 */
public final class FunctionComponents implements AutoCloseable {

    /** The lane threads' names start with this. */
    public static final String LANE_THREAD_PREFIX = "session-starter-";
    /** How long {@link #close()} waits for a lane still running before it interrupts it. */
    private static final long LANES_CLOSE_SECONDS = 10;

    private final Settings settings;
    private final SessionRequestProcessor processor;
    private final ReadinessWatch watch;
    private final ObjectMapper mapper;
    private final RequestReader reader;
    private final OutcomeEvents events;
    private final SnapStartPriming priming;
    /** The lane threads; null when every lane runs on the calling thread. */
    private final ExecutorService lanes;
    /** The AWS clients when this assembly built them; null when its caller owns them. */
    private final AwsClients ownedClients;

    private FunctionComponents(Settings settings, SessionRequestProcessor processor, ReadinessWatch watch,
            ObjectMapper mapper, RequestReader reader, OutcomeEvents events, SnapStartPriming priming,
            ExecutorService lanes, AwsClients ownedClients) {
        this.settings = settings;
        this.processor = processor;
        this.watch = watch;
        this.mapper = mapper;
        this.reader = reader;
        this.events = events;
        this.priming = priming;
        this.lanes = lanes;
        this.ownedClients = ownedClients;
    }

    /**
     * The production assembly: settings from the environment (failing fast on a bad one), SDK clients that take the
     * region, credentials and endpoint overrides from the standard places.
     */
    public static FunctionComponents fromEnvironment(Settings.QueueTrigger queueTrigger) {
        Settings settings = Settings.fromEnvironment(System.getenv(), queueTrigger);
        return assemble(settings, AwsClients.fromEnvironment(), true);
    }

    /**
     * An assembly around the given AWS clients, with the production timing and the SnapStart priming hook. The
     * clients stay the caller's: {@link #close()} leaves them open.
     */
    public static FunctionComponents assemble(Settings settings, AwsClients clients) {
        return assemble(settings, clients, false);
    }

    private static FunctionComponents assemble(Settings settings, AwsClients clients, boolean ownsClients) {
        Ports ports = Ports.of(clients, settings);
        FunctionComponents components = assemble(settings, ports, Timing.production());
        return new FunctionComponents(settings, components.processor, components.watch, components.mapper,
                components.reader, components.events, new SnapStartPriming(components.reader, components.events,
                        clients, (EventBridgeOutcomePublisher) ports.publisher(),
                        new ReadinessCheckJson(components.mapper)), components.lanes,
                ownsClients ? clients : null);
    }

    /** An assembly around the given ports. */
    public static FunctionComponents assemble(Settings settings, Ports ports, Timing timing) {
        ObjectMapper mapper = JsonBodies.strictMapper(settings.maxRequestBytes());
        // Jitter must differ between the copies SnapStart restores from one snapshot, or they would back off in
        // lockstep. A java.util.Random seeded at init would repeat itself in every copy; SecureRandom (NativePRNG on
        // Linux) mixes fresh bytes from /dev/urandom into every draw.
        DoubleSupplier jitter = new SecureRandom()::nextDouble;
        RequestReader reader = new RequestReader(new JsonBodies(settings.maxRequestBytes()),
                new RequestValidator(settings.requestPolicy()));
        OutcomeEvents events = new OutcomeEvents(mapper);
        BatchSender<OutcomeEvent> publisher =
                new BatchSender<>(ports.publisher(), timing.calls(), timing.sleeper(), jitter);
        BatchSender<ScheduledCheck> scheduler =
                new BatchSender<>(ports.checks(), timing.calls(), timing.sleeper(), jitter);
        ServiceRetries retries = new ServiceRetries(timing.calls(), timing.sleeper(), jitter);
        TaskCompletion tasks = new TaskCompletion(ports.tasks(), retries, mapper);
        ReadinessCheckJson checks = new ReadinessCheckJson(mapper);
        ExecutorService lanes = laneThreads(settings.startSessionConcurrency());
        Executor executor = lanes == null ? Runnable::run : lanes;

        SessionRequestProcessor processor = new SessionRequestProcessor(reader,
                new SessionStartAttempts(ports.starter(), new ApplicationCheck(ports.applications(), retries),
                        settings.startStoppedApplications(), timing.start(), timing.sleeper(), jitter),
                new SessionTerminations(ports.sessions(), retries),
                new OutcomeReporting(events, publisher),
                new WatchHandoff(settings.readinessWatch(), settings.watchPolicy(), scheduler, checks, tasks,
                        timing.clock()),
                executor);
        SessionLook look = new SessionLook(ports.sessions(), retries, tasks, settings.watchPolicy(),
                settings.followToEnd(), settings.readyEndpoint(), timing.clock());
        ReadinessWatch watch = new ReadinessWatch(look, checks, events, publisher, scheduler, tasks,
                settings.watchPolicy(), settings.followToEnd(), settings.requestPolicy(), timing.clock(), executor);
        return new FunctionComponents(settings, processor, watch, mapper, reader, events, null, lanes, null);
    }

    public Settings settings() {
        return settings;
    }

    public SessionRequestProcessor processor() {
        return processor;
    }

    public ReadinessWatch watch() {
        return watch;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The SnapStart {@code beforeCheckpoint} hook for this assembly's clients; null when it was assembled around
     * other collaborators than the AWS clients (then there is nothing to prime).
     */
    public SnapStartPriming priming() {
        return priming;
    }

    /**
     * Ends this assembly: the lane threads finish what they run (at most {@value #LANES_CLOSE_SECONDS} s, then they
     * are interrupted) and their pool has terminated when this returns; the AWS clients are closed if this assembly
     * built them. Call it once no invocation runs; the processor and the watch must not be used afterwards.
     */
    @Override
    public void close() {
        try {
            if (lanes != null) {
                lanes.shutdown();
                boolean interrupted = false;
                try {
                    if (!lanes.awaitTermination(LANES_CLOSE_SECONDS, TimeUnit.SECONDS)) {
                        lanes.shutdownNow();
                        lanes.awaitTermination(LANES_CLOSE_SECONDS, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException stop) {
                    lanes.shutdownNow();
                    interrupted = true;
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            if (ownedClients != null) {
                ownedClients.close();
            }
        }
    }

    /**
     * The calling thread runs one lane itself, so {@code concurrency - 1} helper threads give {@code concurrency}
     * StartSession calls at once; none for a concurrency of 1. Daemon threads: they must never keep a local run or a
     * test JVM alive. The pool is this assembly's, shut down by {@link #close()}.
     */
    private static ExecutorService laneThreads(int concurrency) {
        if (concurrency <= 1) {
            return null;
        }
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(concurrency - 1, task -> {
            Thread thread = new Thread(task, LANE_THREAD_PREFIX + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}

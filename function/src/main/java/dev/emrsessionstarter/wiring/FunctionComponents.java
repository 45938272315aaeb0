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
import dev.emrsessionstarter.core.starting.SessionStartAttempts;
import dev.emrsessionstarter.core.watching.ReadinessCheckJson;
import dev.emrsessionstarter.core.watching.ReadinessWatch;
import dev.emrsessionstarter.core.watching.SessionLook;
import dev.emrsessionstarter.core.watching.TaskCompletion;
import dev.emrsessionstarter.core.watching.WatchHandoff;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * Assembles the function once per execution environment: settings, AWS clients, the request processor and the
 * readiness watch. Handlers take it from here in their no-argument constructors; tests assemble their own from the
 * same parts.
 */
public final class FunctionComponents {

    private final Settings settings;
    private final SessionRequestProcessor processor;
    private final ReadinessWatch watch;
    private final ObjectMapper mapper;
    private final RequestReader reader;
    private final OutcomeEvents events;
    private final SnapStartPriming priming;

    private FunctionComponents(Settings settings, SessionRequestProcessor processor, ReadinessWatch watch,
            ObjectMapper mapper, RequestReader reader, OutcomeEvents events, SnapStartPriming priming) {
        this.settings = settings;
        this.processor = processor;
        this.watch = watch;
        this.mapper = mapper;
        this.reader = reader;
        this.events = events;
        this.priming = priming;
    }

    /**
     * The production assembly: settings from the environment (failing fast on a bad one), SDK clients that take the
     * region, credentials and endpoint overrides from the standard places.
     */
    public static FunctionComponents fromEnvironment(Settings.QueueTrigger queueTrigger) {
        Settings settings = Settings.fromEnvironment(System.getenv(), queueTrigger);
        return assemble(settings, AwsClients.fromEnvironment());
    }

    /** An assembly around the given AWS clients, with the production timing and the SnapStart priming hook. */
    public static FunctionComponents assemble(Settings settings, AwsClients clients) {
        Ports ports = Ports.of(clients, settings);
        FunctionComponents components = assemble(settings, ports, Timing.production());
        return new FunctionComponents(settings, components.processor, components.watch, components.mapper,
                components.reader, components.events, new SnapStartPriming(components.reader, components.events,
                        clients, (EventBridgeOutcomePublisher) ports.publisher(),
                        new ReadinessCheckJson(components.mapper)));
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
                new BatchSender<>(ports.publisher()::publish, timing.calls(), timing.sleeper(), jitter);
        BatchSender<ScheduledCheck> scheduler =
                new BatchSender<>(ports.checks()::schedule, timing.calls(), timing.sleeper(), jitter);
        ServiceRetries retries = new ServiceRetries(timing.calls(), timing.sleeper(), jitter);
        TaskCompletion tasks = new TaskCompletion(ports.tasks(), retries, mapper);
        ReadinessCheckJson checks = new ReadinessCheckJson(mapper);
        Executor executor = laneExecutor(settings.startSessionConcurrency());

        SessionRequestProcessor processor = new SessionRequestProcessor(reader,
                new SessionStartAttempts(ports.starter(), timing.start(), timing.sleeper(), jitter),
                new OutcomeReporting(events, publisher),
                new WatchHandoff(settings.readinessWatch(), settings.watchPolicy(), scheduler, checks, tasks,
                        timing.clock()),
                executor);
        ReadinessWatch watch = new ReadinessWatch(
                new SessionLook(ports.sessions(), retries, tasks, settings.watchPolicy(), timing.clock()), checks,
                events, publisher, scheduler, tasks, settings.watchPolicy(), timing.clock(), executor);
        return new FunctionComponents(settings, processor, watch, mapper, reader, events, null);
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
     * The calling thread runs one lane itself, so {@code concurrency - 1} helper threads give {@code concurrency}
     * StartSession calls at once. Daemon threads: they must never keep a local run or a test JVM alive.
     */
    private static Executor laneExecutor(int concurrency) {
        if (concurrency <= 1) {
            return Runnable::run;
        }
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency - 1, task -> {
            Thread thread = new Thread(task, "session-starter-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return pool;
    }
}

package dev.emrsessionstarter.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.adapter.emr.EmrServerlessSessionStarter;
import dev.emrsessionstarter.adapter.eventbridge.EventBridgeOutcomePublisher;
import dev.emrsessionstarter.core.SessionRequestProcessor;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.port.OutcomePublisher;
import dev.emrsessionstarter.core.port.SessionStarter;
import dev.emrsessionstarter.core.reading.JsonBodies;
import dev.emrsessionstarter.core.reading.RequestReader;
import dev.emrsessionstarter.core.reading.RequestValidator;
import dev.emrsessionstarter.core.reporting.BatchPublisher;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.core.reporting.OutcomeReporting;
import dev.emrsessionstarter.core.retry.RetryPolicy;
import dev.emrsessionstarter.core.retry.Sleeper;
import dev.emrsessionstarter.core.starting.SessionStartAttempts;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * Assembles the function once per execution environment: settings, AWS clients and the processor. Handlers take it
 * from here in their no-argument constructors; tests assemble their own from the same parts.
 */
public final class FunctionComponents {

    private final Settings settings;
    private final SessionRequestProcessor processor;
    private final ObjectMapper mapper;
    private final RequestReader reader;
    private final OutcomeEvents events;
    private final SnapStartPriming priming;

    private FunctionComponents(Settings settings, SessionRequestProcessor processor, ObjectMapper mapper,
            RequestReader reader, OutcomeEvents events, SnapStartPriming priming) {
        this.settings = settings;
        this.processor = processor;
        this.mapper = mapper;
        this.reader = reader;
        this.events = events;
        this.priming = priming;
    }

    /**
     * The production assembly: settings from the environment (failing fast on a bad one), SDK clients that take the
     * region, credentials and endpoint overrides ({@code AWS_ENDPOINT_URL_EMR_SERVERLESS},
     * {@code AWS_ENDPOINT_URL_EVENTBRIDGE}) from the standard places.
     */
    public static FunctionComponents fromEnvironment(Settings.QueueTrigger queueTrigger) {
        Settings settings = Settings.fromEnvironment(System.getenv(), queueTrigger);
        return assemble(settings, AwsClients.fromEnvironment());
    }

    /** An assembly around the given AWS clients, with the production policies and the SnapStart priming hook. */
    public static FunctionComponents assemble(Settings settings, AwsClients clients) {
        EventBridgeOutcomePublisher publisher =
                new EventBridgeOutcomePublisher(clients.eventBridge(), settings.eventBusName(), settings.eventSource());
        FunctionComponents components =
                assemble(settings, new EmrServerlessSessionStarter(clients.emrServerless()), publisher);
        return new FunctionComponents(settings, components.processor, components.mapper, components.reader,
                components.events, new SnapStartPriming(components.reader, components.events, clients, publisher));
    }

    /** An assembly around the given collaborators, with the production policies. */
    public static FunctionComponents assemble(Settings settings, SessionStarter starter, OutcomePublisher publisher) {
        return assemble(settings, starter, publisher, RetryPolicy.startSessionDefaults(), RetryPolicy.publishDefaults(),
                Sleeper.THREAD_SLEEP);
    }

    public static FunctionComponents assemble(Settings settings, SessionStarter starter, OutcomePublisher publisher,
            RetryPolicy startPolicy, RetryPolicy publishPolicy, Sleeper sleeper) {
        ObjectMapper mapper = JsonBodies.strictMapper(settings.maxRequestBytes());
        // Jitter must differ between the copies SnapStart restores from one snapshot, or they would back off in
        // lockstep. A java.util.Random seeded at init would repeat itself in every copy; SecureRandom (NativePRNG on
        // Linux) mixes fresh bytes from /dev/urandom into every draw.
        DoubleSupplier jitter = new SecureRandom()::nextDouble;
        RequestReader reader = new RequestReader(new JsonBodies(settings.maxRequestBytes()),
                new RequestValidator(settings.requestPolicy()));
        OutcomeEvents events = new OutcomeEvents(mapper);
        SessionRequestProcessor processor = new SessionRequestProcessor(reader,
                new SessionStartAttempts(starter, startPolicy, sleeper, jitter),
                new OutcomeReporting(events, new BatchPublisher(publisher, publishPolicy, sleeper, jitter)),
                laneExecutor(settings.startSessionConcurrency()));
        return new FunctionComponents(settings, processor, mapper, reader, events, null);
    }

    public Settings settings() {
        return settings;
    }

    public SessionRequestProcessor processor() {
        return processor;
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

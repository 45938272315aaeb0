package dev.emrsessionstarter.testing;

import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.retry.RetryPolicy;
import dev.emrsessionstarter.core.retry.Sleeper;
import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.EmrServerlessEmulator;
import dev.emrsessionstarter.emulator.emr.SessionTimings;
import dev.emrsessionstarter.emulator.eventbridge.EventBridgeEmulator;
import dev.emrsessionstarter.emulator.stepfunctions.StepFunctionsEmulator;
import dev.emrsessionstarter.wiring.AwsClients;
import dev.emrsessionstarter.wiring.FunctionComponents;
import dev.emrsessionstarter.wiring.Ports;
import dev.emrsessionstarter.wiring.Timing;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The emulators, started, with the application and event bus the samples name, a real SQS server for the watch queue
 * (started when first needed), and the function assembled against them through the real SDK clients. What tests, the
 * local run and the benchmarks stand on.
 */
public final class EmulatedAws implements AutoCloseable {

    public static final String APPLICATION_ID = "00fkabc123xyz";
    public static final String ROLE_ARN = "arn:aws:iam::123456789012:role/EmrSessionRole";
    public static final String EVENT_BUS = "default";
    /** Dummy credentials: the emulators check the signature's scope, never the secret. */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALEMULATOR", "local-emulator-secret"));

    private final EmrServerlessEmulator emr;
    private final EventBridgeEmulator events;
    private final StepFunctionsEmulator stepFunctions;
    private LocalSqs sqs;
    private SqsQueue watchQueue;

    private EmulatedAws(EmrServerlessEmulator emr, EventBridgeEmulator events, StepFunctionsEmulator stepFunctions) {
        this.emr = emr;
        this.events = events;
        this.stepFunctions = stepFunctions;
    }

    /** Emulators on free ports; sessions move through their states on the system clock. */
    public static EmulatedAws start() {
        return start(Clock.systemUTC());
    }

    public static EmulatedAws start(Clock clock) {
        return start(clock, SessionTimings.defaults());
    }

    /** @param timings how long sessions take to start, on the system clock */
    public static EmulatedAws start(SessionTimings timings) {
        return start(Clock.systemUTC(), timings);
    }

    /** Sessions move through their states, and tasks time out, on {@code clock}. */
    public static EmulatedAws start(Clock clock, SessionTimings timings) {
        EmrServerlessEmulator emr = EmrServerlessEmulator.builder().clock(clock).sessionTimings(timings).build();
        emr.addApplication(Application.builder().id(APPLICATION_ID).name("sessions").build());
        EventBridgeEmulator events = EventBridgeEmulator.builder().clock(clock).build();
        StepFunctionsEmulator stepFunctions = StepFunctionsEmulator.builder().clock(clock).build();
        emr.start();
        events.start();
        stepFunctions.start();
        return new EmulatedAws(emr, events, stepFunctions);
    }

    public EmrServerlessEmulator emr() {
        return emr;
    }

    public EventBridgeEmulator events() {
        return events;
    }

    public StepFunctionsEmulator stepFunctions() {
        return stepFunctions;
    }

    /** The watch queue on a real SQS server (ElasticMQ), started on first use. */
    public synchronized SqsQueue watchQueue() {
        if (watchQueue == null) {
            sqs = LocalSqs.start();
            watchQueue = sqs.createQueue(QueueSettings.standard("watch").maxReceiveCount(5));
        }
        return watchQueue;
    }

    /**
     * Settings that follow every started session on the watch queue, with checks as frequent as SQS allows (every
     * second), so a local run shows a whole start-up in seconds.
     */
    public Settings watchingSettings(Settings.QueueTrigger trigger) {
        return Settings.fromEnvironment(Map.of(
                Settings.ALLOWED_APPLICATION_IDS, APPLICATION_ID,
                Settings.ALLOWED_EXECUTION_ROLE_ARNS, ROLE_ARN,
                Settings.EVENT_BUS_NAME, EVENT_BUS,
                Settings.MAX_RECEIVE_COUNT, "5",
                Settings.WATCH_QUEUE_URL, watchQueue().url(),
                Settings.READINESS_FIRST_CHECK_SECONDS, "1",
                Settings.READINESS_MAX_CHECK_SECONDS, "1",
                Settings.FOLLOW_TO_END, "false"), trigger);
    }

    /** The deployment settings a local run uses: the sample application and role allowed, the default bus. */
    public static Settings settings(Settings.QueueTrigger trigger) {
        return Settings.fromEnvironment(Map.of(
                Settings.ALLOWED_APPLICATION_IDS, APPLICATION_ID,
                Settings.ALLOWED_EXECUTION_ROLE_ARNS, ROLE_ARN,
                Settings.EVENT_BUS_NAME, EVENT_BUS,
                Settings.MAX_RECEIVE_COUNT, "5",
                Settings.READINESS_WATCH, "false"), trigger);
    }

    /** SDK clients pointed at the emulators (and at the SQS server, once it runs). */
    public AwsClients clients() {
        return AwsClients.forEndpoints(endpoints(), Region.US_EAST_1, CREDENTIALS);
    }

    /** Where the emulators and (once it runs) the SQS server answer. */
    public synchronized AwsClients.Endpoints endpoints() {
        return new AwsClients.Endpoints(emr.endpoint(), events.endpoint(), sqs == null ? null : sqs.endpoint(),
                stepFunctions.endpoint());
    }

    /** The function against the emulators, with the production retry policies. */
    public FunctionComponents function(Settings settings) {
        return FunctionComponents.assemble(settings, clients());
    }

    /** The function against the emulators, with retry delays short enough for tests. */
    public FunctionComponents fastRetryingFunction(Settings settings) {
        return FunctionComponents.assemble(settings, Ports.of(clients(), settings), fastTiming(Clock.systemUTC()));
    }

    /** Retry delays short enough for tests, on the given clock. */
    public static Timing fastTiming(Clock clock) {
        return new Timing(RetryPolicies.quick(RetryPolicy.startSessionDefaults()),
                RetryPolicies.quick(RetryPolicy.publishDefaults()),
                Sleeper.THREAD_SLEEP, clock);
    }

    @Override
    public synchronized void close() {
        emr.close();
        events.close();
        stepFunctions.close();
        if (sqs != null) {
            sqs.close();
        }
    }
}

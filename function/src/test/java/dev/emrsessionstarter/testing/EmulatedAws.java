package dev.emrsessionstarter.testing;

import dev.emrsessionstarter.adapter.emr.EmrServerlessSessionStarter;
import dev.emrsessionstarter.adapter.eventbridge.EventBridgeOutcomePublisher;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.retry.RetryPolicy;
import dev.emrsessionstarter.core.retry.Sleeper;
import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.EmrServerlessEmulator;
import dev.emrsessionstarter.emulator.eventbridge.EventBridgeEmulator;
import dev.emrsessionstarter.wiring.AwsClients;
import dev.emrsessionstarter.wiring.FunctionComponents;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Both emulators, started, with the application and event bus the samples name, and the function assembled against
 * them through the real SDK clients. What tests, the local run and the benchmarks stand on.
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

    private EmulatedAws(EmrServerlessEmulator emr, EventBridgeEmulator events) {
        this.emr = emr;
        this.events = events;
    }

    /** Emulators on free ports; sessions move through their states on the system clock. */
    public static EmulatedAws start() {
        return start(Clock.systemUTC());
    }

    public static EmulatedAws start(Clock clock) {
        EmrServerlessEmulator emr = EmrServerlessEmulator.builder().clock(clock).build();
        emr.addApplication(Application.builder().id(APPLICATION_ID).name("sessions").build());
        EventBridgeEmulator events = EventBridgeEmulator.builder().clock(clock).build();
        emr.start();
        events.start();
        return new EmulatedAws(emr, events);
    }

    public EmrServerlessEmulator emr() {
        return emr;
    }

    public EventBridgeEmulator events() {
        return events;
    }

    /** The deployment settings a local run uses: the sample application and role allowed, the default bus. */
    public static Settings settings(Settings.QueueTrigger trigger) {
        return Settings.fromEnvironment(java.util.Map.of(
                Settings.ALLOWED_APPLICATION_IDS, APPLICATION_ID,
                Settings.ALLOWED_EXECUTION_ROLE_ARNS, ROLE_ARN,
                Settings.EVENT_BUS_NAME, EVENT_BUS,
                Settings.MAX_RECEIVE_COUNT, "5",
                Settings.READINESS_WATCH, "false"), trigger);
    }

    /** SDK clients pointed at the emulators. */
    public AwsClients clients() {
        return AwsClients.forEndpoints(emr.endpoint(), events.endpoint(), Region.US_EAST_1, CREDENTIALS);
    }

    /** The function against the emulators, with the production retry policies. */
    public FunctionComponents function(Settings settings) {
        return FunctionComponents.assemble(settings, clients());
    }

    /** The function against the emulators, with retry delays short enough for tests. */
    public FunctionComponents fastRetryingFunction(Settings settings) {
        AwsClients clients = clients();
        return FunctionComponents.assemble(settings,
                new EmrServerlessSessionStarter(clients.emrServerless()),
                new EventBridgeOutcomePublisher(clients.eventBridge(), settings.eventBusName(), settings.eventSource()),
                RetryPolicy.startSessionDefaults().withDelays(Duration.ofMillis(1), Duration.ofMillis(5)),
                RetryPolicy.publishDefaults().withDelays(Duration.ofMillis(1), Duration.ofMillis(5)),
                Sleeper.THREAD_SLEEP);
    }

    @Override
    public void close() {
        emr.close();
        events.close();
    }
}

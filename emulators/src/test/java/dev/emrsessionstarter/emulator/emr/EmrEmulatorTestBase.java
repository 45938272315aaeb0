package dev.emrsessionstarter.emulator.emr;

import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import dev.emrsessionstarter.internal.emrserverless.model.Configuration;
import dev.emrsessionstarter.internal.emrserverless.model.StartSessionRequest;
import dev.emrsessionstarter.internal.emrserverless.model.StartSessionResponse;
import dev.emrsessionstarter.emulator.SdkClients;
import dev.emrsessionstarter.emulator.time.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.retries.api.RetryStrategy;

/** A started emulator with one ready application, a manual clock, and the generated SDK client pointed at it. */
abstract class EmrEmulatorTestBase {

    static final String APP_ID = "00fkabc123xyz";
    static final String ROLE = "arn:aws:iam::123456789012:role/EmrSessionRole";
    static final SessionTimings TIMINGS =
            new SessionTimings(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(10));

    final ManualClock clock = ManualClock.startingAt("2026-03-01T10:00:00Z");
    EmrServerlessEmulator emulator;
    EmrServerlessClient client;

    @BeforeEach
    void startEmulator() {
        emulator = EmrServerlessEmulator.builder().clock(clock).sessionTimings(TIMINGS).seed(7).build();
        emulator.addApplication(Application.builder().id(APP_ID).build());
        emulator.start();
        client = SdkClients.emr(emulator.endpoint(), retries());
    }

    /** Standard SDK retries by default; a test class may turn them off. */
    RetryStrategy retries() {
        return SdkClients.standardRetriesWithoutBackoff();
    }

    @AfterEach
    void stopEmulator() {
        client.close();
        emulator.close();
    }

    static StartSessionRequest.Builder validRequest(String clientToken) {
        return StartSessionRequest.builder()
                .applicationId(APP_ID)
                .clientToken(clientToken)
                .executionRoleArn(ROLE)
                .name("nightly-exploration")
                .idleTimeoutMinutes(60L)
                .tags(Map.of("team", "analytics"))
                .configurationOverrides(overrides -> overrides.runtimeConfiguration(Configuration.builder()
                        .classification("spark-defaults")
                        .properties(Map.of("spark.executor.memory", "4g"))
                        .build()));
    }

    StartSessionResponse start(String clientToken) {
        return client.startSession(validRequest(clientToken).build());
    }
}

package dev.emrsessionstarter.emulator.stepfunctions;

import dev.emrsessionstarter.emulator.SdkClients;
import dev.emrsessionstarter.emulator.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.sfn.SfnClient;

/** A started emulator on a manual clock, with the official Step Functions client pointed at it, without retries. */
abstract class StepFunctionsEmulatorTestBase {

    final ManualClock clock = ManualClock.startingAt("2026-03-01T10:00:00Z");
    StepFunctionsEmulator emulator;
    SfnClient client;

    @BeforeEach
    void startEmulator() {
        emulator = StepFunctionsEmulator.builder().clock(clock).seed(5).build().start();
        client = SdkClients.stepFunctions(emulator.endpoint(), SdkClients.noRetries());
    }

    @AfterEach
    void stopEmulator() {
        client.close();
        emulator.close();
    }

    void succeed(String token, String output) {
        client.sendTaskSuccess(request -> request.taskToken(token).output(output));
    }

    void fail(String token, String error, String cause) {
        client.sendTaskFailure(request -> request.taskToken(token).error(error).cause(cause));
    }

    void heartbeat(String token) {
        client.sendTaskHeartbeat(request -> request.taskToken(token));
    }
}

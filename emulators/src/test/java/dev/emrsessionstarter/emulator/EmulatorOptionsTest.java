package dev.emrsessionstarter.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.emr.EmrServerlessEmulator;
import dev.emrsessionstarter.emulator.eventbridge.EventBridgeEmulator;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.fault.EntryFault;
import dev.emrsessionstarter.emulator.stepfunctions.StepFunctionsEmulator;
import dev.emrsessionstarter.emulator.stepfunctions.TaskCallbackOperation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The standalone command line: what it accepts, where faults land, and how it refuses mistakes. */
class EmulatorOptionsTest {

    @Test
    void reads_every_option() {
        EmulatorOptions options = EmulatorOptions.parse("--emr-port", "4599", "--events-port", "4600",
                "--sfn-port", "4601", "--application-id", "00abc", "--region", "eu-west-1", "--seed", "7",
                "--task-tokens", "2", "--latency", "SendTaskSuccess=250ms", "--fault", "GetSession=THROTTLING@p0.5");

        assertThat(options.emrPort).isEqualTo(4599);
        assertThat(options.eventsPort).isEqualTo(4600);
        assertThat(options.sfnPort).isEqualTo(4601);
        assertThat(options.applicationId).isEqualTo("00abc");
        assertThat(options.region).isEqualTo("eu-west-1");
        assertThat(options.seed).isEqualTo(7);
        assertThat(options.taskTokens).isEqualTo(2);
        assertThat(options.latencies).containsExactly(
                new EmulatorOptions.Latency("SendTaskSuccess", Duration.ofMillis(250)));
        assertThat(options.faults).extracting(fault -> fault.spec().target()).containsExactly("GetSession");
        assertThat(EmulatorOptions.parse("--help").help).isTrue();
    }

    @Test
    void an_unknown_fault_kind_is_one_line_listing_the_valid_kinds() {
        assertThatThrownBy(() -> EmulatorOptions.parse("--fault", "StartSession=BOOM@next2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--fault StartSession=BOOM@next2: unknown kind BOOM; valid kinds: INTERNAL_ERROR, "
                        + "THROTTLING, DROP_CONNECTION, ACCESS_DENIED, FAIL_AFTER_COMMIT, DROP_AFTER_COMMIT");
        assertThatThrownBy(() -> EmulatorOptions.parse("--fault", "PutEvents.entries=DROP_CONNECTION"))
                .hasMessage("--fault PutEvents.entries=DROP_CONNECTION: unknown kind DROP_CONNECTION; "
                        + "valid kinds: INTERNAL_FAILURE, THROTTLING");
    }

    @Test
    void an_unknown_target_lists_the_valid_targets() {
        assertThatThrownBy(() -> EmulatorOptions.parse("--fault", "StopSession=THROTTLING"))
                .hasMessageStartingWith("--fault StopSession=THROTTLING: unknown target StopSession; valid targets: ")
                .hasMessageContaining("StartSession, GetSession")
                .hasMessageContaining("PutEvents, PutEvents.entries")
                .hasMessageContaining("SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat");
        assertThatThrownBy(() -> EmulatorOptions.parse("--latency", "PutEvents.entries=100"))
                .hasMessageContaining("whole calls");
    }

    @Test
    void other_mistakes_are_one_line_too() {
        assertThat(messageOf("--emr-port", "abc")).isEqualTo("--emr-port needs a whole number, got abc");
        assertThat(messageOf("--sfn-port", "70000")).isEqualTo("--sfn-port needs a port number (0-65535), got 70000");
        assertThat(messageOf("--fault", "StartSession"))
                .startsWith("--fault StartSession: expected TARGET=KIND[@WHEN]");
        assertThat(messageOf("--fault", "StartSession=THROTTLING@soon"))
                .startsWith("--fault StartSession=THROTTLING@soon: ").contains("pN, nextN or callsN,M");
        assertThat(messageOf("--fault", "StartSession=THROTTLING@p1.5")).contains("0..1");
        assertThat(messageOf("--latency", "GetSession=slow")).contains("needs a whole number");
        assertThat(messageOf("--colour", "red")).isEqualTo("unknown option --colour (--help lists them)");
        assertThat(messageOf("--seed")).isEqualTo("--seed needs a value");
    }

    @Test
    void faults_and_latency_land_on_the_plan_of_their_target() {
        try (EmrServerlessEmulator emr = EmrServerlessEmulator.builder().build();
             EventBridgeEmulator events = EventBridgeEmulator.builder().build();
             StepFunctionsEmulator sfn = StepFunctionsEmulator.builder().build()) {
            EmulatorOptions options = EmulatorOptions.parse("--fault", "GetSession=INTERNAL_ERROR@calls1",
                    "--fault", "PutEvents.entries=THROTTLING@calls1", "--fault", "SendTaskHeartbeat=DROP_CONNECTION",
                    "--latency", "PutEvents=5");

            options.faults.forEach(fault -> FaultTargets.applyFault(fault.spec(), fault.written(), emr, events, sfn));
            options.latencies.forEach(latency -> FaultTargets.callPlan(latency.target(), emr, events, sfn)
                    .latency(latency.latency()));

            assertThat(emr.faults(EmrOperation.GET_SESSION).decide(1)).contains(CallFault.INTERNAL_ERROR);
            assertThat(emr.faults(EmrOperation.START_SESSION).decide(1)).isEmpty();
            assertThat(events.entryFaults().decide(1)).contains(EntryFault.THROTTLING);
            assertThat(sfn.faults(TaskCallbackOperation.SEND_TASK_HEARTBEAT).decide(1))
                    .contains(CallFault.DROP_CONNECTION);
            assertThat(events.callFaults().latency()).isEqualTo(Duration.ofMillis(5));
        }
    }

    private static String messageOf(String... args) {
        try {
            EmulatorOptions.parse(args);
            throw new AssertionError("accepted " + String.join(" ", args));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("No enum constant");
            return e.getMessage();
        }
    }
}

package dev.emrsessionstarter.emulator.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** HeartbeatSeconds and TimeoutSeconds on the emulator's clock, and tasks closed on command. */
class TaskTimeoutTest extends StepFunctionsEmulatorTestBase {

    @Test
    void without_timeouts_a_task_waits_for_ever() {
        String token = emulator.issueTaskToken();

        clock.advance(Duration.ofDays(400));
        succeed(token, "{}");

        assertThat(emulator.task(token).state()).isEqualTo(TaskState.SUCCEEDED);
    }

    @Test
    void heartbeats_reset_the_heartbeat_clock() {
        String token = emulator.issueTaskToken(TaskTimeouts.none().heartbeatSeconds(60));

        clock.advance(Duration.ofSeconds(50));
        heartbeat(token);
        clock.advance(Duration.ofSeconds(50));
        heartbeat(token);
        Instant lastBeat = clock.instant();
        clock.advance(Duration.ofSeconds(59));

        assertThat(emulator.task(token).state()).isEqualTo(TaskState.WAITING);
        assertThat(emulator.task(token).heartbeats()).isEqualTo(2);
        assertThat(emulator.task(token).lastHeartbeatAt()).isEqualTo(lastBeat);
        clock.advance(Duration.ofSeconds(1));
        TaskView timedOut = emulator.task(token);
        assertThat(timedOut.state()).isEqualTo(TaskState.TIMED_OUT);
        assertThat(timedOut.closedAt()).isEqualTo(lastBeat.plusSeconds(60));
    }

    @Test
    void a_task_whose_heartbeat_ran_out_answers_task_timed_out() {
        String token = emulator.issueTaskToken(TaskTimeouts.none().heartbeatSeconds(60));
        clock.advance(Duration.ofSeconds(60));

        TaskTimedOutException beat = catchThrowableOfType(TaskTimedOutException.class, () -> heartbeat(token));
        TaskTimedOutException success = catchThrowableOfType(TaskTimedOutException.class,
                () -> succeed(token, "{}"));

        assertThat(beat.statusCode()).isEqualTo(400);
        assertThat(success).isNotNull();
        assertThat(emulator.task(token).state()).isEqualTo(TaskState.TIMED_OUT);
        assertThat(emulator.task(token).output()).isNull();
    }

    @Test
    void timeout_seconds_runs_out_whatever_the_heartbeats() {
        Instant issued = clock.instant();
        String token = emulator.issueTaskToken(TaskTimeouts.none().heartbeatSeconds(60).timeoutSeconds(100));

        clock.advance(Duration.ofSeconds(50));
        heartbeat(token);
        clock.advance(Duration.ofSeconds(49));
        heartbeat(token);
        clock.advance(Duration.ofSeconds(1));

        assertThat(emulator.task(token).state()).isEqualTo(TaskState.TIMED_OUT);
        assertThat(emulator.task(token).closedAt()).isEqualTo(issued.plusSeconds(100));
        assertThat(catchThrowableOfType(TaskTimedOutException.class, () -> fail(token, "E", "c"))).isNotNull();
    }

    @Test
    void a_callback_just_before_the_timeout_completes_the_task() {
        String token = emulator.issueTaskToken(TaskTimeouts.none().timeoutSeconds(30));

        clock.advance(Duration.ofSeconds(30).minusMillis(1));
        succeed(token, "{}");
        clock.advance(Duration.ofMinutes(1));

        assertThat(emulator.task(token).state()).isEqualTo(TaskState.SUCCEEDED);
    }

    @Test
    void expire_on_command_times_a_waiting_task_out_now() {
        String token = emulator.issueTaskToken();
        clock.advance(Duration.ofMinutes(3));

        emulator.expireTask(token);

        assertThat(emulator.task(token).state()).isEqualTo(TaskState.TIMED_OUT);
        assertThat(emulator.task(token).closedAt()).isEqualTo(clock.instant());
        assertThat(catchThrowableOfType(TaskTimedOutException.class, () -> succeed(token, "{}"))).isNotNull();
    }

    @Test
    void stop_on_command_stops_a_waiting_task_but_not_a_completed_one() {
        String waiting = emulator.issueTaskToken();
        String completed = emulator.issueTaskToken();
        succeed(completed, "{}");

        emulator.stopTask(waiting);
        emulator.stopTask(completed);

        assertThat(emulator.task(waiting).state()).isEqualTo(TaskState.STOPPED);
        assertThat(emulator.task(completed).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(catchThrowableOfType(TaskTimedOutException.class, () -> heartbeat(waiting))).isNotNull();
    }

    @Test
    void timeouts_follow_the_states_language_rules() {
        assertThatThrownBy(() -> TaskTimeouts.none().heartbeatSeconds(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskTimeouts.none().heartbeatSeconds(60).timeoutSeconds(60))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emulator.task(emulator.unissuedTaskToken()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

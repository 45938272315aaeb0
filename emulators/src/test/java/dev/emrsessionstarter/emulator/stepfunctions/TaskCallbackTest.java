package dev.emrsessionstarter.emulator.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat against waiting, closed, unknown and malformed tokens. */
class TaskCallbackTest extends StepFunctionsEmulatorTestBase {

    @Test
    void issued_tokens_look_like_real_ones() {
        List<String> tokens = IntStream.range(0, 20).mapToObj(i -> emulator.issueTaskToken()).toList();

        assertThat(tokens).allSatisfy(token -> assertThat(token).hasSizeBetween(500, 2048)
                .matches("[A-Za-z0-9+/]+=*"));
        assertThat(Set.copyOf(tokens)).hasSize(20);
        assertThat(emulator.tasks()).extracting(TaskView::state).containsOnly(TaskState.WAITING);
    }

    @Test
    void send_task_success_completes_a_waiting_task_with_its_output() {
        String token = emulator.issueTaskToken();

        succeed(token, "{\"sessionId\":\"00f1\",\"state\":\"IDLE\"}");

        TaskView task = emulator.task(token);
        assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(task.output()).isEqualTo("{\"sessionId\":\"00f1\",\"state\":\"IDLE\"}");
        assertThat(task.closedAt()).isEqualTo(clock.instant());
        assertThat(task.error()).isNull();
    }

    @Test
    void send_task_failure_completes_a_waiting_task_with_its_error_and_cause() {
        String token = emulator.issueTaskToken();
        String withoutDetails = emulator.issueTaskToken();

        fail(token, "SessionFailed", "The session failed to start.");
        fail(withoutDetails, null, null);

        TaskView task = emulator.task(token);
        assertThat(task.state()).isEqualTo(TaskState.FAILED);
        assertThat(task.error()).isEqualTo("SessionFailed");
        assertThat(task.cause()).isEqualTo("The session failed to start.");
        assertThat(task.output()).isNull();
        assertThat(emulator.task(withoutDetails).state()).isEqualTo(TaskState.FAILED);
    }

    @Test
    void a_completed_task_answers_every_later_callback_with_task_timed_out() {
        String token = emulator.issueTaskToken();
        succeed(token, "{\"first\":true}");

        TaskTimedOutException again = catchThrowableOfType(TaskTimedOutException.class,
                () -> succeed(token, "{\"second\":true}"));
        TaskTimedOutException failure = catchThrowableOfType(TaskTimedOutException.class,
                () -> fail(token, "Late", "too late"));
        TaskTimedOutException beat = catchThrowableOfType(TaskTimedOutException.class, () -> heartbeat(token));

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.awsErrorDetails().errorCode()).isEqualTo("TaskTimedOut");
        assertThat(again.awsErrorDetails().errorMessage())
                .isEqualTo("Task Timed Out: 'Provided task does not exist anymore'");
        assertThat(failure).isNotNull();
        assertThat(beat).isNotNull();
        assertThat(emulator.task(token).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(emulator.task(token).output()).isEqualTo("{\"first\":true}");
    }

    @Test
    void a_malformed_token_is_an_invalid_token() {
        String issued = emulator.issueTaskToken();
        char last = issued.charAt(issued.length() - 2);
        String altered = issued.substring(0, issued.length() - 2) + (last == 'A' ? 'B' : 'A')
                + issued.charAt(issued.length() - 1);

        for (String token : List.of("FakeTaskToken", issued.substring(0, 400), altered, "not base64 !")) {
            InvalidTokenException error = catchThrowableOfType(InvalidTokenException.class,
                    () -> succeed(token, "{}"));

            assertThat(error.statusCode()).isEqualTo(400);
            assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("Invalid Token: 'Invalid token'");
        }
        assertThat(catchThrowableOfType(InvalidTokenException.class, () -> heartbeat("FakeTaskToken"))).isNotNull();
        assertThat(emulator.task(issued).state()).isEqualTo(TaskState.WAITING);
    }

    @Test
    void the_token_is_checked_before_the_output() {
        InvalidTokenException error = catchThrowableOfType(InvalidTokenException.class,
                () -> succeed("NoSuchTaskToken", "ParameterOutput"));

        assertThat(error).isNotNull();
    }

    @Test
    void a_well_formed_token_of_no_task_does_not_exist() {
        String fromAnotherEmulator;
        try (StepFunctionsEmulator other = StepFunctionsEmulator.builder().seed(99).build()) {
            fromAnotherEmulator = other.issueTaskToken();
        }

        for (String token : List.of(emulator.unissuedTaskToken(), fromAnotherEmulator)) {
            TaskDoesNotExistException error = catchThrowableOfType(TaskDoesNotExistException.class,
                    () -> fail(token, "E", "c"));

            assertThat(error.statusCode()).isEqualTo(400);
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("TaskDoesNotExist");
        }
        assertThat(emulator.tasks()).isEmpty();
    }

    @Test
    void an_output_that_is_not_json_is_refused_and_the_task_keeps_waiting() {
        String token = emulator.issueTaskToken();

        for (String output : List.of("not json", "{\"a\":1} trailing", "", "{\"open\":")) {
            InvalidOutputException error = catchThrowableOfType(InvalidOutputException.class,
                    () -> succeed(token, output));

            assertThat(error.statusCode()).isEqualTo(400);
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidOutput");
        }
        assertThat(emulator.task(token).state()).isEqualTo(TaskState.WAITING);
        succeed(token, "\"any JSON value\"");
        assertThat(emulator.task(token).state()).isEqualTo(TaskState.SUCCEEDED);
    }

    @Test
    void the_model_constraints_refuse_the_call_naming_every_violation() {
        String token = emulator.issueTaskToken();

        SfnException tooLong = catchThrowableOfType(SfnException.class,
                () -> fail("t".repeat(2049), "e".repeat(257), "c".repeat(32_769)));
        SfnException empty = catchThrowableOfType(SfnException.class, () -> heartbeat(""));

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(tooLong.awsErrorDetails().errorMessage()).startsWith("3 validation errors detected: ")
                .contains("Value at 'taskToken' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 2048")
                .contains("Value at 'error' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 256")
                .contains("Value at 'cause' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 32768");
        assertThat(empty.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value at "
                + "'taskToken' failed to satisfy constraint: Member must have length greater than or equal to 1");
        fail(token, "e".repeat(256), "c".repeat(32_768));
        assertThat(emulator.task(token).state()).isEqualTo(TaskState.FAILED);
    }

    @Test
    void the_output_limit_counts_utf8_bytes() {
        String atTheLimit = jsonStringOfBytes(262_144);
        String accented = "\"" + "é".repeat(131_072) + "\"";
        String first = emulator.issueTaskToken();
        String second = emulator.issueTaskToken();

        SfnException tooBig = catchThrowableOfType(SfnException.class, () -> succeed(first, accented));
        succeed(second, atTheLimit);

        assertThat(accented.length()).isLessThan(262_144);
        assertThat(tooBig.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(tooBig.awsErrorDetails().errorMessage()).contains(
                "Value at 'output' failed to satisfy constraint: Member must have length less than or equal to 262144");
        assertThat(emulator.task(first).state()).isEqualTo(TaskState.WAITING);
        assertThat(emulator.task(second).state()).isEqualTo(TaskState.SUCCEEDED);
    }

    @Test
    void no_error_message_carries_a_token_or_what_the_caller_sent() {
        String token = emulator.issueTaskToken();
        String secret = "s3cr3t-value";

        List<SfnException> errors = List.of(
                catchThrowableOfType(SfnException.class, () -> succeed(token, secret)),
                catchThrowableOfType(SfnException.class, () -> fail(token + secret, secret, secret)),
                catchThrowableOfType(SfnException.class, () -> fail(secret.repeat(200), secret.repeat(30), secret)));

        assertThat(errors).extracting(error -> error.awsErrorDetails().errorMessage())
                .allSatisfy(message -> assertThat(message).doesNotContain(secret).doesNotContain(token));
    }

    @Test
    void every_call_is_recorded_with_what_it_carried() {
        String token = emulator.issueTaskToken();

        heartbeat(token);
        catchThrowableOfType(InvalidOutputException.class, () -> succeed(token, "nope"));
        fail(token, "SessionNotReady", "Not ready in 30 minutes.");

        assertThat(emulator.calls()).extracting(TaskCallbackCall::operation).containsExactly(
                TaskCallbackOperation.SEND_TASK_HEARTBEAT, TaskCallbackOperation.SEND_TASK_SUCCESS,
                TaskCallbackOperation.SEND_TASK_FAILURE);
        assertThat(emulator.calls()).extracting(TaskCallbackCall::taskToken).containsOnly(token);
        assertThat(emulator.calls(TaskCallbackOperation.SEND_TASK_SUCCESS)).singleElement()
                .extracting(TaskCallbackCall::output).isEqualTo("nope");
        TaskCallbackCall failure = emulator.calls(TaskCallbackOperation.SEND_TASK_FAILURE).get(0);
        assertThat(failure.error()).isEqualTo("SessionNotReady");
        assertThat(failure.cause()).isEqualTo("Not ready in 30 minutes.");
        assertThat(failure.receivedAt()).isEqualTo(clock.instant());
        assertThat(emulator.requestCount(TaskCallbackOperation.SEND_TASK_SUCCESS)).isEqualTo(1);
        assertThat(emulator.task(token).heartbeats()).isEqualTo(1);
    }

    private static String jsonStringOfBytes(int bytes) {
        return "\"" + "x".repeat(bytes - 2) + "\"";
    }
}

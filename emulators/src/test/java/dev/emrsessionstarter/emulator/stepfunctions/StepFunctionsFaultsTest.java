package dev.emrsessionstarter.emulator.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.emrsessionstarter.emulator.SdkClients;
import dev.emrsessionstarter.emulator.fault.CallFault;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** Injected faults, seen through the official client with and without its standard retries. */
class StepFunctionsFaultsTest extends StepFunctionsEmulatorTestBase {

    @Test
    void faults_before_commit_answer_in_the_json_10_format_and_change_nothing() {
        String token = emulator.issueTaskToken();
        emulator.faults(TaskCallbackOperation.SEND_TASK_SUCCESS).failNext(1, CallFault.INTERNAL_ERROR)
                .failCalls(CallFault.THROTTLING, 2).failCalls(CallFault.ACCESS_DENIED, 3)
                .failCalls(CallFault.DROP_CONNECTION, 4);

        SfnException internal = catchThrowableOfType(SfnException.class, () -> succeed(token, "{}"));
        SfnException throttled = catchThrowableOfType(SfnException.class, () -> succeed(token, "{}"));
        SfnException denied = catchThrowableOfType(SfnException.class, () -> succeed(token, "{}"));
        SdkClientException dropped = catchThrowableOfType(SdkClientException.class, () -> succeed(token, "{}"));

        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(internal.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
        assertThat(throttled.statusCode()).isEqualTo(400);
        assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(dropped).isNotNull();
        assertThat(emulator.task(token).state()).isEqualTo(TaskState.WAITING);
        assertThat(emulator.calls()).hasSize(4);
    }

    @Test
    void faults_apply_per_operation() {
        String token = emulator.issueTaskToken();
        emulator.faults(TaskCallbackOperation.SEND_TASK_HEARTBEAT).failFraction(1.0, CallFault.INTERNAL_ERROR);

        assertThat(catchThrowableOfType(SfnException.class, () -> heartbeat(token)).statusCode()).isEqualTo(500);
        fail(token, "E", "c");

        assertThat(emulator.task(token).state()).isEqualTo(TaskState.FAILED);
        assertThat(emulator.task(token).heartbeats()).isZero();
    }

    @Test
    void the_sdk_retries_internal_errors_and_throttling_until_the_callback_lands() {
        String token = emulator.issueTaskToken();
        emulator.faults(TaskCallbackOperation.SEND_TASK_FAILURE).failNext(1, CallFault.INTERNAL_ERROR)
                .failCalls(CallFault.THROTTLING, 2);

        try (SfnClient retrying = SdkClients.stepFunctions(emulator.endpoint(),
                SdkClients.standardRetriesWithoutBackoff())) {
            retrying.sendTaskFailure(request -> request.taskToken(token).error("E").cause("c"));
        }

        assertThat(emulator.requestCount(TaskCallbackOperation.SEND_TASK_FAILURE)).isEqualTo(3);
        assertThat(emulator.task(token).state()).isEqualTo(TaskState.FAILED);
    }

    @Test
    void a_success_that_commits_before_a_500_makes_the_sdk_retry_see_task_timed_out() {
        String token = emulator.issueTaskToken();
        emulator.faults(TaskCallbackOperation.SEND_TASK_SUCCESS).failNext(1, CallFault.FAIL_AFTER_COMMIT);

        TaskTimedOutException retried;
        try (SfnClient retrying = SdkClients.stepFunctions(emulator.endpoint(),
                SdkClients.standardRetriesWithoutBackoff())) {
            retried = catchThrowableOfType(TaskTimedOutException.class,
                    () -> retrying.sendTaskSuccess(request -> request.taskToken(token).output("{\"n\":1}")));
        }

        assertThat(retried).isNotNull();
        assertThat(emulator.requestCount(TaskCallbackOperation.SEND_TASK_SUCCESS)).isEqualTo(2);
        assertThat(emulator.task(token).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(emulator.task(token).output()).isEqualTo("{\"n\":1}");
    }
}

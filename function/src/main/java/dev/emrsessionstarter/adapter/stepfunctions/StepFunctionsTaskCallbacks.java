package dev.emrsessionstarter.adapter.stepfunctions;

import dev.emrsessionstarter.adapter.ServiceError;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.TaskCallbacks;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Completes Step Functions tasks. The client is built on first use: most deployments never see a task token, and a
 * client not built costs no start-up time. Error messages from Step Functions are dropped, as they may quote the token.
 */
public final class StepFunctionsTaskCallbacks implements TaskCallbacks {

    private final Supplier<SfnClient> client;

    public StepFunctionsTaskCallbacks(Supplier<SfnClient> client) {
        this.client = client;
    }

    @Override
    public ServiceCall<Void> succeed(String taskToken, String output, Duration timeout) {
        return call("SendTaskSuccess", timeout, () -> client.get().sendTaskSuccess(request -> request
                .taskToken(taskToken).output(output).overrideConfiguration(timeout(timeout))));
    }

    @Override
    public ServiceCall<Void> fail(String taskToken, String error, String cause, Duration timeout) {
        return call("SendTaskFailure", timeout, () -> client.get().sendTaskFailure(request -> request
                .taskToken(taskToken).error(error).cause(cause).overrideConfiguration(timeout(timeout))));
    }

    @Override
    public ServiceCall<Void> heartbeat(String taskToken, Duration timeout) {
        return call("SendTaskHeartbeat", timeout, () -> client.get().sendTaskHeartbeat(request -> request
                .taskToken(taskToken).overrideConfiguration(timeout(timeout))));
    }

    private static ServiceCall<Void> call(String operation, Duration timeout, Runnable send) {
        try {
            send.run();
            return new ServiceCall.Answered<>(null);
        } catch (SdkException failure) {
            ServiceCall.Failed<Void> error = ServiceError.of(failure, operation, timeout);
            // Step Functions' message may quote the task token: only the code goes on.
            return new ServiceCall.Failed<>(error.code(), operation + " failed (" + error.code() + ")",
                    error.httpStatus(), error.retryable(), error.throttling());
        }
    }

    private static AwsRequestOverrideConfiguration timeout(Duration timeout) {
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(timeout).apiCallAttemptTimeout(timeout)
                .build();
    }
}

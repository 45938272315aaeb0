package dev.emrsessionstarter.adapter;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.port.ServiceCall;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An AWS SDK failure as the ports report it: the service's error code (or the function's own, when no answer came),
 * its message, the HTTP status (0 without a response), and the SDK's judgement of it: throttling as the SDK
 * recognises it, and whether the same call may succeed when sent again. Every adapter reads SDK exceptions here.
 */
public final class ServiceError {

    private ServiceError() {
    }

    public static <T> ServiceCall.Failed<T> of(SdkException failure, String operation, Duration timeout) {
        if (failure instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null
                    ? service.awsErrorDetails().errorCode()
                    : "HttpStatus" + service.statusCode();
            String message = service.awsErrorDetails() != null
                    ? service.awsErrorDetails().errorMessage()
                    : service.getMessage();
            boolean throttling = service.isThrottlingException();
            boolean retryable = throttling || service.retryable() || service.statusCode() >= 500;
            return new ServiceCall.Failed<>(code, message, service.statusCode(), retryable, throttling);
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return ServiceCall.Failed.of(ErrorCodes.TIMEOUT,
                    operation + " did not answer within " + timeout.toMillis() + " ms", true);
        }
        return ServiceCall.Failed.of(ErrorCodes.CONNECTION_ERROR, failure.getMessage(), true);
    }
}

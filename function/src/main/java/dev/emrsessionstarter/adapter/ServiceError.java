package dev.emrsessionstarter.adapter;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An AWS SDK failure as the ports see it: the service's error code (or the function's own, when no answer came), its
 * message, the HTTP status (0 without a response), and whether the same call may succeed when sent again (no answer,
 * throttling as the SDK recognises it, a server error). Every adapter reads SDK exceptions through this one place.
 */
public record ServiceError(String code, String message, int httpStatus, boolean retryable) {

    public static ServiceError of(SdkException failure, String operation, Duration timeout) {
        if (failure instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null
                    ? service.awsErrorDetails().errorCode()
                    : "HttpStatus" + service.statusCode();
            String message = service.awsErrorDetails() != null
                    ? service.awsErrorDetails().errorMessage()
                    : service.getMessage();
            boolean retryable = service.statusCode() >= 500 || service.statusCode() == 429
                    || service.isThrottlingException();
            return new ServiceError(code, message, service.statusCode(), retryable);
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return new ServiceError(ErrorCodes.TIMEOUT,
                    operation + " did not answer within " + timeout.toMillis() + " ms", 0, true);
        }
        return new ServiceError(ErrorCodes.CONNECTION_ERROR, failure.getMessage(), 0, true);
    }
}

package dev.emrsessionstarter.emulator.stepfunctions;

import dev.emrsessionstarter.emulator.http.ServiceError;
import java.util.Set;

/**
 * The errors of the task-callback operations. All are HTTP 400 (the API reference; the model gives no status, which
 * for JSON 1.0 means 400). Messages follow the service's "Error Name: 'detail'" form; InvalidToken's and TaskTimedOut's
 * are AWS's own words (InvalidToken recorded against AWS in a Step Functions client's tests, FUJITSU
 * {@code aws_api_step_functions} plunit suite; TaskTimedOut as reported from AWS in boto/boto3#4044).
 */
final class StepFunctionsErrors {

    /** Step Functions' own exceptions carry this namespace in {@code __type}. */
    private static final String SERVICE_NAMESPACE = "com.amazonaws.swf.service.v2.model#";
    /** Model-constraint violations come from the request validation layer, under its own namespace. */
    private static final String VALIDATION_NAMESPACE = "com.amazon.coral.validate#";
    private static final Set<String> SERVICE_ERRORS =
            Set.of("TaskDoesNotExist", "TaskTimedOut", "InvalidToken", "InvalidOutput");

    private StepFunctionsErrors() {
    }

    /**
     * The {@code __type} of an error code, as Step Functions writes it: {@code com.amazonaws.swf.service.v2.model#}
     * for its own exceptions, {@code com.amazon.coral.validate#} for ValidationException (both seen on the wire from
     * AWS), the bare code otherwise.
     */
    static String typeInBody(String code) {
        if (SERVICE_ERRORS.contains(code)) {
            return SERVICE_NAMESPACE + code;
        }
        return code.equals("ValidationException") ? VALIDATION_NAMESPACE + code : code;
    }

    /** A token the service could never have issued: made up, cut short, or altered. */
    static ServiceError invalidToken() {
        return new ServiceError(400, "InvalidToken", "Invalid Token: 'Invalid token'");
    }

    /** A well-formed token of no task the service knows. */
    static ServiceError taskDoesNotExist() {
        return new ServiceError(400, "TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist'");
    }

    /**
     * A task that is no longer waiting: completed, timed out, or its execution stopped. The API reference: "The task
     * token has either expired or the task associated with the token has already been closed."
     */
    static ServiceError taskTimedOut() {
        return new ServiceError(400, "TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }

    static ServiceError invalidOutput() {
        return new ServiceError(400, "InvalidOutput", "Invalid Output: 'The output is not valid JSON.'");
    }
}

package dev.emrsessionstarter.emulator.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.emulator.http.ConstraintViolations;
import dev.emrsessionstarter.emulator.http.ServiceError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat without HTTP, checked in the order the service answers:
 * the model's constraints (400 ValidationException naming every violation; {@code taskToken} 1-2048,
 * {@code output} required and at most 262,144 bytes of UTF-8, {@code error} at most 256, {@code cause} at most 32,768),
 * then the token (InvalidToken before anything else: AWS answered a made-up token with a non-JSON output so), then the
 * task (TaskDoesNotExist, or TaskTimedOut once it has left WAITING), then the output (InvalidOutput unless it is
 * JSON). A refused call changes nothing. No message ever carries a token, output, error or cause: the model marks
 * output, error and cause sensitive, and a token is a credential.
 */
final class TaskCallbackService {

    private static final int MAX_TOKEN_LENGTH = 2048;
    private static final int MAX_OUTPUT_BYTES = 262_144;
    private static final int MAX_ERROR_LENGTH = 256;
    private static final int MAX_CAUSE_LENGTH = 32_768;

    private final ObjectMapper json;
    private final ObjectMapper strictJson = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Clock clock;
    private final TaskRegistry tasks;

    TaskCallbackService(ObjectMapper json, Clock clock, TaskRegistry tasks) {
        this.json = json;
        this.clock = clock;
        this.tasks = tasks;
    }

    ObjectNode handle(TaskCallbackOperation operation, JsonNode body) {
        TaskCallbackRequest request = TaskCallbackRequest.read(body);
        check(operation, request);
        CallbackTask task = requireWaitingTask(request.taskToken());
        Instant now = clock.instant();
        CallbackTask.Result result = switch (operation) {
            case SEND_TASK_SUCCESS -> {
                if (!isJson(request.output())) {
                    // After the token and the task: a task that is gone says so first.
                    throw StepFunctionsErrors.invalidOutput();
                }
                yield task.succeed(now, request.output());
            }
            case SEND_TASK_FAILURE -> task.fail(now, request.error(), request.cause());
            case SEND_TASK_HEARTBEAT -> task.heartbeat(now);
        };
        if (result == CallbackTask.Result.CLOSED) {
            // Another callback, or the clock, closed the task since it was looked up.
            throw StepFunctionsErrors.taskTimedOut();
        }
        return json.createObjectNode();
    }

    private void check(TaskCallbackOperation operation, TaskCallbackRequest request) {
        ConstraintViolations violations = new ConstraintViolations();
        if (request.taskToken() == null) {
            violations.missing("taskToken");
        } else {
            checkLength(request.taskToken().codePointCount(0, request.taskToken().length()), 1, MAX_TOKEN_LENGTH,
                    "taskToken", violations);
        }
        if (operation == TaskCallbackOperation.SEND_TASK_SUCCESS) {
            if (request.output() == null) {
                // A sensitive member: AWS names it without "null" (recorded against AWS, FUJITSU plunit suite).
                violations.add("output", "Member must not be null");
            } else {
                checkLength(request.output().getBytes(StandardCharsets.UTF_8).length, 0, MAX_OUTPUT_BYTES, "output",
                        violations);
            }
        }
        if (operation == TaskCallbackOperation.SEND_TASK_FAILURE) {
            checkLength(codePoints(request.error()), 0, MAX_ERROR_LENGTH, "error", violations);
            checkLength(codePoints(request.cause()), 0, MAX_CAUSE_LENGTH, "cause", violations);
        }
        violations.throwIfAny();
    }

    private CallbackTask requireWaitingTask(String token) {
        if (!TaskTokens.isWellFormed(token)) {
            throw StepFunctionsErrors.invalidToken();
        }
        CallbackTask task = tasks.find(token).orElseThrow(StepFunctionsErrors::taskDoesNotExist);
        if (task.stateAt(clock.instant()) != TaskState.WAITING) {
            throw StepFunctionsErrors.taskTimedOut();
        }
        return task;
    }

    private boolean isJson(String output) {
        try {
            return !strictJson.readTree(output).isMissingNode();
        } catch (JsonProcessingException notJson) {
            return false;
        }
    }

    private static int codePoints(String value) {
        return value == null ? 0 : value.codePointCount(0, value.length());
    }

    private static void checkLength(int length, int min, int max, String path, ConstraintViolations violations) {
        if (length < min) {
            violations.add(path, "Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            violations.add(path, "Member must have length less than or equal to " + max);
        }
    }
}

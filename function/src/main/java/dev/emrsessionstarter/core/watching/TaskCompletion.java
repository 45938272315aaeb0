package dev.emrsessionstarter.core.watching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.outcome.SessionFacts;
import dev.emrsessionstarter.core.outcome.TaskFailure;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.TaskCallbacks;
import dev.emrsessionstarter.core.retry.Deadline;
import dev.emrsessionstarter.core.retry.ServiceRetries;
import dev.emrsessionstarter.core.starting.ErrorClassifier;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the Step Functions tasks that wait for sessions, retrying brief errors. A task that is gone (completed,
 * timed out, or its token unknown) ends the callback quietly: the events still go out. Nothing here ever logs a task
 * token, nor a Step Functions error message, which may quote one.
 */
public final class TaskCompletion {

    private static final Logger LOG = LoggerFactory.getLogger(TaskCompletion.class);

    /** The task no longer waits: nothing to complete. */
    private static final Set<String> TASK_GONE = Set.of("TaskDoesNotExist", "TaskTimedOut", "InvalidToken");
    /** The call itself is wrong: repeating it cannot succeed. */
    private static final Set<String> REFUSED = Set.of("InvalidOutput", "ValidationException");

    /** What came of a callback. */
    public enum Result {
        DONE,
        TASK_GONE,
        /** Step Functions refused the call for good; logged as an error. */
        REFUSED,
        /** Still failing when the retries ran out: the work that needs the callback is tried again later. */
        NOT_YET
    }

    private final TaskCallbacks callbacks;
    private final ServiceRetries retries;
    private final ObjectMapper mapper;

    public TaskCompletion(TaskCallbacks callbacks, ServiceRetries retries, ObjectMapper mapper) {
        this.callbacks = callbacks;
        this.retries = retries;
        this.mapper = mapper;
    }

    /** SendTaskSuccess with the session the task waited for. */
    public Result succeed(String taskToken, SessionFacts session, String state, String endpoint, Deadline deadline) {
        ObjectNode output = session.writeHandover(mapper.createObjectNode(), state);
        if (endpoint != null) {
            output.put("endpoint", endpoint);
        }
        return complete("SendTaskSuccess", timeout -> callbacks.succeed(taskToken, write(output), timeout), deadline);
    }

    /** SendTaskSuccess for a terminate request: the session it ended and the state it is in. */
    public Result succeedEnding(String taskToken, SessionFacts session, String state, Deadline deadline) {
        String output = write(session.writeEnding(mapper.createObjectNode(), state));
        return complete("SendTaskSuccess", timeout -> callbacks.succeed(taskToken, output, timeout), deadline);
    }

    /**
     * SendTaskFailure.
     *
     * @param code the error code behind the failure; @param message a text without secrets (already scrubbed)
     */
    public Result fail(String taskToken, TaskFailure failure, String code, String message, String clientToken,
            String requestIdentity, Deadline deadline) {
        ObjectNode cause = mapper.createObjectNode()
                .put("code", code)
                .put("message", message)
                .put("clientToken", clientToken)
                .put("requestIdentity", requestIdentity);
        return complete("SendTaskFailure",
                timeout -> callbacks.fail(taskToken, failure.errorName(), write(cause), timeout), deadline);
    }

    /** SendTaskHeartbeat: the watch is alive, the task's HeartbeatSeconds starts again. */
    public Result heartbeat(String taskToken, Deadline deadline) {
        return complete("SendTaskHeartbeat", timeout -> callbacks.heartbeat(taskToken, timeout), deadline);
    }

    private Result complete(String operation, Function<Duration, ServiceCall<Void>> call, Deadline deadline) {
        ServiceCall<Void> result = retries.call(call, failed -> !TASK_GONE.contains(failed.code())
                && !REFUSED.contains(failed.code())
                && ErrorClassifier.classify(failed) == ErrorClassifier.Action.RETRY_NOW,
                deadline);
        if (result instanceof ServiceCall.Answered) {
            return Result.DONE;
        }
        String code = ((ServiceCall.Failed<Void>) result).code();
        if (TASK_GONE.contains(code)) {
            LOG.warn("{}: the waiting task is gone ({}); carrying on", operation, code);
            return Result.TASK_GONE;
        }
        if (REFUSED.contains(code)) {
            LOG.error("{} refused: {}; not repeated", operation, code);
            return Result.REFUSED;
        }
        LOG.warn("{} failed: {}; it will be tried again", operation, code);
        return Result.NOT_YET;
    }

    private String write(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("A task callback could not be written", impossible);
        }
    }
}

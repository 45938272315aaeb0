package dev.emrsessionstarter.emulator.stepfunctions;

import java.time.Instant;

/**
 * One task waiting for a callback. Its timeouts are not run by a timer but read off the clock whenever the task is
 * looked at, so a test that advances its clock sees the task time out, with no background thread. Every change
 * happens under the task's lock, so two callbacks racing for one task cannot both complete it.
 */
final class CallbackTask {

    private final String token;
    private final TaskTimeouts timeouts;
    private final Instant issuedAt;
    private TaskState closedAs;
    private Instant closedAt;
    private String output;
    private String error;
    private String cause;
    private int heartbeats;
    private Instant lastHeartbeatAt;

    CallbackTask(String token, TaskTimeouts timeouts, Instant issuedAt) {
        this.token = token;
        this.timeouts = timeouts;
        this.issuedAt = issuedAt;
    }

    /** What a callback did to the task: applied, or refused because the task had already left WAITING. */
    enum Result { APPLIED, CLOSED }

    synchronized TaskState stateAt(Instant now) {
        if (closedAs != null) {
            return closedAs;
        }
        Instant deadline = deadline();
        return deadline != null && !now.isBefore(deadline) ? TaskState.TIMED_OUT : TaskState.WAITING;
    }

    synchronized Result succeed(Instant now, String output) {
        if (stateAt(now) != TaskState.WAITING) {
            return Result.CLOSED;
        }
        this.output = output;
        close(TaskState.SUCCEEDED, now);
        return Result.APPLIED;
    }

    synchronized Result fail(Instant now, String error, String cause) {
        if (stateAt(now) != TaskState.WAITING) {
            return Result.CLOSED;
        }
        this.error = error;
        this.cause = cause;
        close(TaskState.FAILED, now);
        return Result.APPLIED;
    }

    /** Resets the heartbeat clock; TimeoutSeconds keeps running. */
    synchronized Result heartbeat(Instant now) {
        if (stateAt(now) != TaskState.WAITING) {
            return Result.CLOSED;
        }
        heartbeats++;
        lastHeartbeatAt = now;
        return Result.APPLIED;
    }

    /** Closes a waiting task on command (TIMED_OUT or STOPPED); a task that has left WAITING stays as it is. */
    synchronized void closeOnCommand(TaskState state, Instant now) {
        if (stateAt(now) == TaskState.WAITING) {
            close(state, now);
        }
    }

    synchronized TaskView view(Instant now) {
        TaskState state = stateAt(now);
        Instant closed = closedAs != null ? closedAt : state == TaskState.TIMED_OUT ? deadline() : null;
        return new TaskView(token, state, timeouts, issuedAt, closed, output, error, cause, heartbeats,
                lastHeartbeatAt);
    }

    private void close(TaskState state, Instant now) {
        closedAs = state;
        closedAt = now;
    }

    /** The earlier of the end of TimeoutSeconds and of the current HeartbeatSeconds interval, or null. */
    private Instant deadline() {
        Instant timeoutAt = timeouts.timeout() == null ? null : issuedAt.plus(timeouts.timeout());
        Instant heartbeatAt = timeouts.heartbeat() == null ? null
                : (lastHeartbeatAt != null ? lastHeartbeatAt : issuedAt).plus(timeouts.heartbeat());
        if (timeoutAt == null) {
            return heartbeatAt;
        }
        return heartbeatAt == null || timeoutAt.isBefore(heartbeatAt) ? timeoutAt : heartbeatAt;
    }
}

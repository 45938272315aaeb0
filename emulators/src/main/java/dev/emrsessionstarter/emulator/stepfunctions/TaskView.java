package dev.emrsessionstarter.emulator.stepfunctions;

import java.time.Instant;

/**
 * A read-only look at a task, at the emulator clock's current instant, for test assertions.
 *
 * @param closedAt when it left WAITING (for a timeout: when its time ran out), or null
 * @param output the output of the SendTaskSuccess that completed it, or null
 * @param error the error of the SendTaskFailure that completed it, or null
 * @param cause the cause of the SendTaskFailure that completed it, or null
 * @param heartbeats the SendTaskHeartbeat calls it accepted
 */
public record TaskView(String taskToken, TaskState state, TaskTimeouts timeouts, Instant issuedAt, Instant closedAt,
                       String output, String error, String cause, int heartbeats, Instant lastHeartbeatAt) {
}

package dev.emrsessionstarter.emulator.stepfunctions;

import java.time.Instant;

/**
 * A call the emulator received, faulted and refused ones included, with the members it carried (null when absent or
 * not a string).
 */
public record TaskCallbackCall(TaskCallbackOperation operation, String taskToken, String output, String error,
                               String cause, Instant receivedAt) {
}

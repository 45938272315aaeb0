package dev.emrsessionstarter.emulator.stepfunctions;

/** Where a task that waits for a callback stands. Every state but WAITING is final. */
public enum TaskState {
    /** Waiting for SendTaskSuccess or SendTaskFailure; heartbeats keep it alive. */
    WAITING,
    /** SendTaskSuccess completed it. */
    SUCCEEDED,
    /** SendTaskFailure completed it. */
    FAILED,
    /** Its TimeoutSeconds or HeartbeatSeconds ran out, or it was expired on command. */
    TIMED_OUT,
    /** Its execution was stopped on command. */
    STOPPED
}

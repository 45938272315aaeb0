package dev.emrsessionstarter.emulator.stepfunctions;

/** The emulated Step Functions operations, by their API names (the X-Amz-Target is {@code AWSStepFunctions.NAME}). */
public enum TaskCallbackOperation {
    SEND_TASK_SUCCESS("SendTaskSuccess"),
    SEND_TASK_FAILURE("SendTaskFailure"),
    SEND_TASK_HEARTBEAT("SendTaskHeartbeat");

    private final String apiName;

    TaskCallbackOperation(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** The operation with this API name, or null. */
    public static TaskCallbackOperation byApiName(String apiName) {
        for (TaskCallbackOperation operation : values()) {
            if (operation.apiName.equals(apiName)) {
                return operation;
            }
        }
        return null;
    }
}

package dev.emrsessionstarter.emulator.emr;

/** The emulated EMR Serverless operations, by their API names. */
public enum EmrOperation {
    START_SESSION("StartSession"),
    GET_SESSION("GetSession"),
    LIST_SESSIONS("ListSessions"),
    TERMINATE_SESSION("TerminateSession"),
    GET_APPLICATION("GetApplication");

    private final String apiName;

    EmrOperation(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static EmrOperation byApiName(String apiName) {
        for (EmrOperation operation : values()) {
            if (operation.apiName.equals(apiName)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("unknown EMR Serverless operation: " + apiName);
    }
}

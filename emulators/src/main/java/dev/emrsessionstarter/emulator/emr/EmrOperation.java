package dev.emrsessionstarter.emulator.emr;

/**
 * The emulated EMR Serverless operations, by their API names. New operations go at the end: each fault plan is seeded
 * with the emulator's seed plus the operation's ordinal, so a seeded run keeps its draws.
 */
public enum EmrOperation {
    START_SESSION("StartSession"),
    GET_SESSION("GetSession"),
    LIST_SESSIONS("ListSessions"),
    TERMINATE_SESSION("TerminateSession"),
    GET_APPLICATION("GetApplication"),
    GET_SESSION_ENDPOINT("GetSessionEndpoint"),
    START_APPLICATION("StartApplication");

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

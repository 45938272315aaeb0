package dev.emrsessionstarter.emulator.fault;

/** Per-entry failures inside a successful EventBridge {@code PutEvents} call; both are documented as retryable. */
public enum EntryFault {
    INTERNAL_FAILURE("InternalFailure", "Internal Service Failure"),
    THROTTLING("ThrottlingException", "Request rate exceeded");

    private final String errorCode;
    private final String errorMessage;

    EntryFault(String errorCode, String errorMessage) {
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return errorMessage;
    }
}

package dev.emrsessionstarter.emulator.http;

/** An error answer of an emulated AWS API: HTTP status, error code (the modelled shape name) and message. */
public final class ServiceError extends RuntimeException {

    private final int status;
    private final String code;

    public ServiceError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ServiceError validation(String message) {
        return new ServiceError(400, "ValidationException", message);
    }

    /**
     * A body that is not JSON, or a member of the wrong JSON type. AWS JSON services answer such input with 400
     * {@code SerializationException} before any validation.
     */
    public static ServiceError serialization(String message) {
        return new ServiceError(400, "SerializationException", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}

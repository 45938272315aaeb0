package dev.emrsessionstarter.emulator.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects model-constraint violations and words them like AWS's request validation does:
 * {@code 2 validation errors detected: Value at 'name' failed to satisfy constraint: Member must have length less
 * than or equal to 256; Value null at 'executionRoleArn' failed to satisfy constraint: Member must not be null}.
 *
 * <p>AWS echoes the offending value of non-sensitive members. These emulators never echo a value (only {@code null}
 * for a missing one): configuration property values may be secrets, and nothing should rely on the wording anyway.
 */
public final class ConstraintViolations {

    /** Error messages are String1024 in the models. */
    private static final int MAX_MESSAGE_LENGTH = 1024;

    private final List<String> violations = new ArrayList<>();

    public void add(String path, String constraint) {
        violations.add("Value at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    public void missing(String path) {
        violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
    }

    public boolean isEmpty() {
        return violations.isEmpty();
    }

    public int size() {
        return violations.size();
    }

    public String message() {
        int count = violations.size();
        String message = count + " validation error" + (count == 1 ? "" : "s") + " detected: "
                + String.join("; ", violations);
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
    }

    /** Throws a 400 {@code ValidationException} naming every violation, if there is any. */
    public void throwIfAny() {
        if (!isEmpty()) {
            throw ServiceError.validation(message());
        }
    }
}

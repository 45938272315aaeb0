package dev.emrsessionstarter.core.reading;

/**
 * One broken rule of a session request: where ({@code field}, a path such as
 * {@code configurationOverrides.runtimeConfiguration[0].classification}) and what ({@code rule}).
 *
 * <p>A violation never quotes the offending value: values may be credentials.
 */
public record Violation(String field, String rule) {

    @Override
    public String toString() {
        return field.isEmpty() ? rule : field + ": " + rule;
    }
}

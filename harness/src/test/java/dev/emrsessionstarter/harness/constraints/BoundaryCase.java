package dev.emrsessionstarter.harness.constraints;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One request derived from the service model: a valid StartSession request with one constrained value moved to a
 * boundary, in the model's member layout.
 *
 * @param field where the value sits, as a model path ({@code tags{key}},
 *     {@code configurationOverrides.runtimeConfiguration[].properties{value}})
 * @param shape the model shape whose constraint is probed
 * @param kind which boundary
 * @param label the boundary in words, with the value's size where it matters
 * @param measure the length, value, size or depth the case puts at the boundary; -1 where none
 * @param shown the value as a failure message shows it
 * @param request the whole request, model-shaped (the application id included as a member)
 * @param modelAccepts what the model says of the request
 */
record BoundaryCase(String field, String shape, Kind kind, String label, long measure, String shown,
        ObjectNode request, boolean modelAccepts) {

    enum Kind {
        VALID_REQUEST,
        ABSENT,
        AT_MIN_LENGTH,
        BELOW_MIN_LENGTH,
        AT_MAX_LENGTH,
        ABOVE_MAX_LENGTH,
        AT_MAX_LENGTH_IN_CODE_POINTS,
        ABOVE_MAX_LENGTH_IN_CODE_POINTS,
        WHITESPACE_ONLY,
        FOREIGN_CHARACTER,
        LINE_BREAK_INSIDE,
        TRAILING_LINE_BREAK,
        AT_MIN_VALUE,
        BELOW_MIN_VALUE,
        AT_MAX_VALUE,
        ABOVE_MAX_VALUE,
        AT_MIN_SIZE,
        BELOW_MIN_SIZE,
        AT_MAX_SIZE,
        ABOVE_MAX_SIZE,
        NESTED
    }

    /** How the case reads in a test name and a failure: field, shape, boundary. */
    String title() {
        return field + " (" + shape + "): " + label;
    }
}

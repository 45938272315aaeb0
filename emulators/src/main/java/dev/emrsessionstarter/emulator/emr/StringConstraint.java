package dev.emrsessionstarter.emulator.emr;

import dev.emrsessionstarter.emulator.http.ConstraintViolations;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A string shape of the model: length bounds (in code points) and an anchored pattern. */
record StringConstraint(int min, int max, Pattern pattern) {

    static StringConstraint of(int min, int max, String regex) {
        return new StringConstraint(min, max, Pattern.compile(regex));
    }

    /** The constraint texts {@code value} breaks, in AWS's wording; empty when it is valid. */
    List<String> failures(String value) {
        List<String> failures = new ArrayList<>();
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            failures.add("Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            failures.add("Member must have length less than or equal to " + max);
        }
        if (!pattern.matcher(value).matches()) {
            failures.add("Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return failures;
    }

    void check(String value, String path, ConstraintViolations violations) {
        failures(value).forEach(failure -> violations.add(path, failure));
    }
}

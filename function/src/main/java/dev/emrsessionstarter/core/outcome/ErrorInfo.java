package dev.emrsessionstarter.core.outcome;

import dev.emrsessionstarter.core.reading.Violation;
import java.util.List;

/**
 * Why a request did not (yet) start a session, as consumers see it in the {@code error} member of a failure event.
 *
 * @param violations the broken rules, for an invalid or refused request; otherwise empty
 * @param violationCount how many rules were broken in all (there may be more than are listed)
 */
public record ErrorInfo(String code, String message, boolean retryable, List<Violation> violations,
        int violationCount) {

    public ErrorInfo {
        violations = List.copyOf(violations);
    }

    public static ErrorInfo of(String code, String message, boolean retryable) {
        return new ErrorInfo(code, message, retryable, List.of(), 0);
    }
}

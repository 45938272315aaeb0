package dev.emrsessionstarter.core.reading;

import java.util.List;

/**
 * What validation found.
 *
 * @param request the request with defaults applied; where a field broke a rule it is null here, so the rest can
 *     still be reported (an outcome event names the application even when the tags were wrong). Values the
 *     allowlists refuse stay: they are well formed.
 * @param violations the broken rules, at most {@link RequestValidator#MAX_REPORTED_VIOLATIONS} of them
 * @param violationCount how many rules were broken in all
 * @param refusals valid values that the deployment's allowlists do not allow
 */
public record Validation(
        SessionRequest request, List<Violation> violations, int violationCount, List<Violation> refusals) {

    public Validation {
        violations = List.copyOf(violations);
        refusals = List.copyOf(refusals);
    }

    /** The same, with one more broken rule. */
    public Validation with(Violation violation) {
        List<Violation> more = new java.util.ArrayList<>(violations);
        more.add(violation);
        return new Validation(request, more, violationCount + 1, refusals);
    }

    public boolean isValid() {
        return violationCount == 0 && refusals.isEmpty();
    }
}

package dev.emrsessionstarter.core;

import dev.emrsessionstarter.core.outcome.AttemptRecord;
import dev.emrsessionstarter.core.outcome.Outcome;
import java.util.List;

/** What the StartSession phase produced for one request: its outcome, and the calls it took, for metrics. */
public record StartOutcome(Outcome outcome, List<AttemptRecord> attempts) {

    public StartOutcome {
        attempts = List.copyOf(attempts);
    }
}

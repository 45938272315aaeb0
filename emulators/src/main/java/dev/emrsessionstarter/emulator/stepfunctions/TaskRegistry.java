package dev.emrsessionstarter.emulator.stepfunctions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The tasks issued so far, by token, in issue order. Thread-safe. */
final class TaskRegistry {

    private final Clock clock;
    private final TaskTokens tokens;
    private final Map<String, CallbackTask> byToken = new LinkedHashMap<>();

    TaskRegistry(Clock clock, long seed) {
        this.clock = clock;
        this.tokens = new TaskTokens(seed);
    }

    synchronized String issue(TaskTimeouts timeouts) {
        Objects.requireNonNull(timeouts, "timeouts");
        String token = tokens.next();
        byToken.put(token, new CallbackTask(token, timeouts, clock.instant()));
        return token;
    }

    /** A well-formed token that no task has. */
    synchronized String unissued() {
        return tokens.next();
    }

    synchronized Optional<CallbackTask> find(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    synchronized List<CallbackTask> all() {
        return new ArrayList<>(byToken.values());
    }
}

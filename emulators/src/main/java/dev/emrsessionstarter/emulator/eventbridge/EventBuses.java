package dev.emrsessionstarter.emulator.eventbridge;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The event buses of the emulated account and region; {@code default} always exists. Thread-safe. */
final class EventBuses {

    static final String DEFAULT = "default";

    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final String arnPrefix;

    EventBuses(String region, String accountId) {
        this.arnPrefix = "arn:aws:events:" + region + ":" + accountId + ":event-bus/";
        names.add(DEFAULT);
    }

    void add(String name) {
        names.add(name);
    }

    /** The bus an entry names (absent means {@code default}; a name or an ARN of this account and region). */
    Optional<String> resolve(String nameOrArn) {
        if (nameOrArn == null) {
            return Optional.of(DEFAULT);
        }
        String name = nameOrArn.startsWith("arn:")
                ? (nameOrArn.startsWith(arnPrefix) ? nameOrArn.substring(arnPrefix.length()) : null)
                : nameOrArn;
        return name != null && names.contains(name) ? Optional.of(name) : Optional.empty();
    }
}

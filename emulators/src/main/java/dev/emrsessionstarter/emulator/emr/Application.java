package dev.emrsessionstarter.emulator.emr;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An EMR Serverless application as the emulator's owner configures it. Only what StartSession and GetApplication
 * look at is modelled. {@code maxConcurrentSessions} is the emulator's per-application session quota: StartSession
 * answers 402 {@code ServiceQuotaExceededException} when that many sessions are not yet TERMINATED or FAILED.
 */
public record Application(String id, String name, ApplicationState state, String releaseLabel,
                          boolean autoStartEnabled, boolean sessionEnabled, int maxConcurrentSessions,
                          Map<String, String> tags) {

    public static final int DEFAULT_MAX_CONCURRENT_SESSIONS = 100;

    public Application {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(releaseLabel, "releaseLabel");
        if (!id.matches("[0-9a-z]{1,64}")) {
            throw new IllegalArgumentException("an application id is 1-64 characters of [0-9a-z]: " + id);
        }
        if (maxConcurrentSessions < 0) {
            throw new IllegalArgumentException("maxConcurrentSessions must not be negative");
        }
        tags = Map.copyOf(tags);
    }

    /**
     * Defaults: STARTED, emr-7.13.0, auto-start and sessions enabled, {@value #DEFAULT_MAX_CONCURRENT_SESSIONS}
     * sessions.
     */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).name(name).state(state).releaseLabel(releaseLabel)
                .autoStartEnabled(autoStartEnabled).sessionEnabled(sessionEnabled)
                .maxConcurrentSessions(maxConcurrentSessions).tags(tags);
    }

    public static final class Builder {
        private String id;
        private String name = "emulated-application";
        private ApplicationState state = ApplicationState.STARTED;
        private String releaseLabel = "emr-7.13.0";
        private boolean autoStartEnabled = true;
        private boolean sessionEnabled = true;
        private int maxConcurrentSessions = DEFAULT_MAX_CONCURRENT_SESSIONS;
        private Map<String, String> tags = new TreeMap<>();

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder state(ApplicationState state) {
            this.state = state;
            return this;
        }

        public Builder releaseLabel(String releaseLabel) {
            this.releaseLabel = releaseLabel;
            return this;
        }

        public Builder autoStartEnabled(boolean autoStartEnabled) {
            this.autoStartEnabled = autoStartEnabled;
            return this;
        }

        public Builder sessionEnabled(boolean sessionEnabled) {
            this.sessionEnabled = sessionEnabled;
            return this;
        }

        public Builder maxConcurrentSessions(int maxConcurrentSessions) {
            this.maxConcurrentSessions = maxConcurrentSessions;
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = new TreeMap<>(tags);
            return this;
        }

        public Application build() {
            return new Application(id, name, state, releaseLabel, autoStartEnabled, sessionEnabled,
                    maxConcurrentSessions, tags);
        }
    }
}

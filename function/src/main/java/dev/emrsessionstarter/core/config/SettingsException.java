package dev.emrsessionstarter.core.config;

import java.util.List;

/** The deployment's settings are missing or malformed; raised at start-up, naming every bad setting. */
public final class SettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super("Invalid settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

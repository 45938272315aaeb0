package dev.emrsessionstarter.harness.run;

import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.config.SettingsException;
import dev.emrsessionstarter.testing.EmulatedAws;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deployment settings of a run against the emulators: each of the function's settings set in the environment,
 * and for the others the local defaults, which allow the samples' application and role and check readiness every
 * second. The watch queue is always the run's own.
 */
final class LocalSettings {

    /**
     * The local defaults, as {@code --help} and the README list them. The allowlist defaults apply only where the
     * environment sets neither the allowlist nor a default application or role (that default alone allows itself);
     * the check intervals only where it sets neither interval.
     */
    static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values;
    private final List<String> fromEnvironment;

    private LocalSettings(Map<String, String> values, List<String> fromEnvironment) {
        this.values = values;
        this.fromEnvironment = fromEnvironment;
    }

    static LocalSettings of(Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        for (String name : Settings.ALL) {
            String value = environment.get(name);
            if (value != null && !value.isBlank() && !name.equals(Settings.WATCH_QUEUE_URL)) {
                values.put(name, value);
            }
        }
        List<String> fromEnvironment = List.copyOf(values.keySet());
        if (!values.containsKey(Settings.ALLOWED_APPLICATION_IDS)
                && !values.containsKey(Settings.DEFAULT_APPLICATION_ID)) {
            values.put(Settings.ALLOWED_APPLICATION_IDS, DEFAULTS.get(Settings.ALLOWED_APPLICATION_IDS));
        }
        if (!values.containsKey(Settings.ALLOWED_EXECUTION_ROLE_ARNS)
                && !values.containsKey(Settings.DEFAULT_EXECUTION_ROLE_ARN)) {
            values.put(Settings.ALLOWED_EXECUTION_ROLE_ARNS, DEFAULTS.get(Settings.ALLOWED_EXECUTION_ROLE_ARNS));
        }
        values.putIfAbsent(Settings.MAX_RECEIVE_COUNT, DEFAULTS.get(Settings.MAX_RECEIVE_COUNT));
        if (!values.containsKey(Settings.READINESS_FIRST_CHECK_SECONDS)
                && !values.containsKey(Settings.READINESS_MAX_CHECK_SECONDS)) {
            values.put(Settings.READINESS_FIRST_CHECK_SECONDS, DEFAULTS.get(Settings.READINESS_FIRST_CHECK_SECONDS));
            values.put(Settings.READINESS_MAX_CHECK_SECONDS, DEFAULTS.get(Settings.READINESS_MAX_CHECK_SECONDS));
        }
        return new LocalSettings(values, fromEnvironment);
    }

    /** The names of the settings the environment set (WATCH_QUEUE_URL never counts: the run has its own queue). */
    List<String> fromEnvironment() {
        return fromEnvironment;
    }

    /** Whether the readiness watch is on (READINESS_WATCH, default true). */
    boolean readinessWatch() {
        return !"false".equalsIgnoreCase(values.getOrDefault(Settings.READINESS_WATCH, "true").trim());
    }

    /** The bus outcome events go to (an ARN's name part), so the EventBridge emulator can have it. */
    String eventBusName() {
        String bus = values.getOrDefault(Settings.EVENT_BUS_NAME, Settings.DEFAULT_EVENT_BUS_NAME).trim();
        int slash = bus.lastIndexOf(":event-bus/");
        return slash < 0 ? bus : bus.substring(slash + ":event-bus/".length());
    }

    /**
     * Checks the settings before anything starts, as the function does at start-up.
     *
     * @throws LocalRunException a configuration error naming every bad setting
     */
    void check(Settings.QueueTrigger trigger) {
        settings(trigger, "http://127.0.0.1/local-watch-queue");
    }

    /** The function's settings with the run's watch queue. */
    Settings settings(Settings.QueueTrigger trigger, String watchQueueUrl) {
        Map<String, String> all = new LinkedHashMap<>(values);
        all.put(Settings.WATCH_QUEUE_URL, watchQueueUrl);
        try {
            return Settings.fromEnvironment(all, trigger);
        } catch (SettingsException invalid) {
            throw LocalRunException.configuration("invalid settings: " + String.join("; ", invalid.problems()));
        }
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(Settings.ALLOWED_APPLICATION_IDS, EmulatedAws.APPLICATION_ID);
        defaults.put(Settings.ALLOWED_EXECUTION_ROLE_ARNS, EmulatedAws.ROLE_ARN);
        defaults.put(Settings.MAX_RECEIVE_COUNT, "5");
        defaults.put(Settings.READINESS_FIRST_CHECK_SECONDS, "1");
        defaults.put(Settings.READINESS_MAX_CHECK_SECONDS, "1");
        // A local run shows a start-up to its end; following a session to its end takes its idle timeout.
        defaults.put(Settings.FOLLOW_TO_END, "false");
        return Collections.unmodifiableMap(defaults);
    }
}

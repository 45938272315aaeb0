package dev.emrsessionstarter.testing;

import dev.emrsessionstarter.core.config.Settings;
import java.util.HashMap;
import java.util.Map;

/** Settings as a deployment of the samples would have them, with changes for one test. */
public final class TestSettings {

    public static final String APPLICATION_ID = "00fkabc123xyz";
    public static final String ROLE_ARN = "arn:aws:iam::123456789012:role/EmrSessionRole";

    private final Map<String, String> environment = new HashMap<>();

    private TestSettings() {
        environment.put(Settings.ALLOWED_APPLICATION_IDS, APPLICATION_ID + ",00fkother*");
        environment.put(Settings.ALLOWED_EXECUTION_ROLE_ARNS, ROLE_ARN + ",arn:aws:iam::123456789012:role/emr/*");
        environment.put(Settings.MAX_RECEIVE_COUNT, "3");
        environment.put(Settings.EVENT_BUS_NAME, "sessions");
        // The readiness watch has tests of its own, with a real queue; these follow a request up to its start.
        environment.put(Settings.READINESS_WATCH, "false");
    }

    public static TestSettings sample() {
        return new TestSettings();
    }

    public TestSettings with(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public Settings build() {
        return Settings.fromEnvironment(environment, Settings.QueueTrigger.REQUIRED);
    }
}

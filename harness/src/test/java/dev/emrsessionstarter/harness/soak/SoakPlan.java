package dev.emrsessionstarter.harness.soak;

import dev.emrsessionstarter.emulator.fault.FaultSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one soak run sends and which faults it meets. Every random choice (the traffic, the emulators' faults, the
 * crashes) comes from {@code seed}.
 *
 * @param requests distinct requests; some valid ones are sent twice, so more messages go out
 * @param faults emulator faults, in the emulators' {@code TARGET=KIND@WHEN} notation; the default adds an EventBridge
 *     outage of five calls early on, so some outcome events are lost for good
 * @param crashRate the chance that the execution environment dies right after a StartSession call
 * @param invalidShare the share of requests that are invalid or refused
 * @param duplicateShare the share of valid requests a producer sends twice (same idempotencyKey, same body)
 * @param quotaShare the share of valid requests for the application with a small session quota
 * @param quotaSlots that application's maxConcurrentSessions
 * @param maxReceiveCount the queue's redrive maxReceiveCount (and the function's MAX_RECEIVE_COUNT)
 */
record SoakPlan(int requests, long seed, List<String> faults, double crashRate, double invalidShare,
        double duplicateShare, double quotaShare, int quotaSlots, int maxReceiveCount) {

    static final String DEFAULT_FAULTS = "StartSession=INTERNAL_ERROR@p0.05;StartSession=THROTTLING@p0.05;"
            + "StartSession=FAIL_AFTER_COMMIT@p0.01;PutEvents=INTERNAL_ERROR@p0.02;"
            + "PutEvents=INTERNAL_ERROR@calls20,21,22,23,24;"
            + "PutEvents.entries=INTERNAL_FAILURE@p0.05;PutEvents.entries=THROTTLING@p0.02";

    SoakPlan {
        faults = List.copyOf(faults);
        faults.forEach(FaultSpec::parse);
    }

    /** The small run the test suite makes. */
    static SoakPlan defaults() {
        return new SoakPlan(300, 7, faults(DEFAULT_FAULTS), 0.01, 0.1, 0.05, 0.2, 6, 5);
    }

    /** The plan from {@code -Dsoak.*} system properties, each defaulting to {@link #defaults()}. */
    static SoakPlan fromSystemProperties() {
        SoakPlan defaults = defaults();
        return new SoakPlan(
                Integer.getInteger("soak.requests", defaults.requests),
                Long.getLong("soak.seed", defaults.seed),
                faults(System.getProperty("soak.faults", DEFAULT_FAULTS)),
                number("soak.crashRate", defaults.crashRate),
                number("soak.invalidShare", defaults.invalidShare),
                number("soak.duplicateShare", defaults.duplicateShare),
                number("soak.quotaShare", defaults.quotaShare),
                Integer.getInteger("soak.quotaSlots", defaults.quotaSlots),
                Integer.getInteger("soak.maxReceiveCount", defaults.maxReceiveCount));
    }

    private static List<String> faults(String specs) {
        return Arrays.stream(specs.split(";")).map(String::trim).filter(spec -> !spec.isEmpty()).toList();
    }

    String describe() {
        return String.format(Locale.ROOT, "%d requests, seed %d; faults %s; crash rate %.3f per StartSession call; "
                        + "invalid %.0f%%, sent twice %.0f%%, small-quota application %.0f%% (%d sessions); "
                        + "maxReceiveCount %d",
                requests, seed, String.join(";", faults), crashRate, invalidShare * 100, duplicateShare * 100,
                quotaShare * 100, quotaSlots, maxReceiveCount);
    }

    private static double number(String property, double fallback) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value);
    }
}

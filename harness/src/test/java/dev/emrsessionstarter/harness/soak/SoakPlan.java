package dev.emrsessionstarter.harness.soak;

import dev.emrsessionstarter.emulator.fault.FaultSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one soak run sends and which faults it meets. Every random choice (the traffic, the emulators' faults, the
 * session start-ups, the crashes) comes from {@code seed}.
 *
 * @param requests distinct requests; some valid ones are sent twice, so more messages go out
 * @param faults emulator faults, in the emulators' {@code TARGET=KIND@WHEN} notation (targets: the EMR Serverless
 *     operations, {@code PutEvents}, {@code PutEvents.entries}, and the Step Functions callbacks
 *     {@code SendTaskSuccess}, {@code SendTaskFailure}, {@code SendTaskHeartbeat}); the default adds an EventBridge
 *     outage of fourteen calls early on, so some outcome events are lost for good (the two functions publish at once
 *     and each tries a call four times: fourteen calls in a row fail every attempt of some delivery of one of them,
 *     however their calls interleave), and short outages of each task
 *     callback, so some checks are handed back before their watch ends and some after
 * @param crashRate the chance that the request function's execution environment dies right after a StartSession call
 * @param invalidShare the share of requests that are invalid or refused
 * @param duplicateShare the share of valid requests a producer sends twice (same idempotencyKey, same body)
 * @param quotaShare the share of valid requests for the application with a small session quota
 * @param quotaSlots that application's maxConcurrentSessions
 * @param maxReceiveCount the request queue's redrive maxReceiveCount (and the function's MAX_RECEIVE_COUNT)
 * @param taskShare the share of requests that carry a Step Functions task token (valid ones, and refused or invalid
 *     ones whose token the function can read)
 * @param taskCloseShare the share of those tasks that the workflow closes while the session is watched: half of them
 *     stopped, half timed out, up to a minute of emulated time after their request was acknowledged
 * @param watchCrashRate the chance that the watch function's execution environment dies right after a GetSession call
 * @param watchQueueFailureRate the share of SendMessageBatch entries the watch queue fails (the check is not sent)
 * @param watchMaxReceiveCount the watch queue's redrive maxReceiveCount
 * @param terminateUnready the function's TERMINATE_UNREADY_SESSIONS (on by default: it frees the small quota of
 *     sessions that never become ready)
 * @param timeScale emulated seconds per real second: EMR Serverless, Step Functions, EventBridge and both functions
 *     run on one clock that moves this much faster than the real one (the queues keep real time)
 */
record SoakPlan(int requests, long seed, List<String> faults, double crashRate, double invalidShare,
        double duplicateShare, double quotaShare, int quotaSlots, int maxReceiveCount, double taskShare,
        double taskCloseShare, double watchCrashRate, double watchQueueFailureRate, int watchMaxReceiveCount,
        boolean terminateUnready, double timeScale) {

    static final String DEFAULT_FAULTS = "StartSession=INTERNAL_ERROR@p0.05;StartSession=THROTTLING@p0.05;"
            + "StartSession=FAIL_AFTER_COMMIT@p0.01;PutEvents=INTERNAL_ERROR@p0.02;"
            + "PutEvents=INTERNAL_ERROR@calls20,21,22,23,24,25,26,27,28,29,30,31,32,33;PutEvents=FAIL_AFTER_COMMIT@p0.01;"
            + "PutEvents.entries=INTERNAL_FAILURE@p0.05;PutEvents.entries=THROTTLING@p0.02;"
            + "GetSession=INTERNAL_ERROR@p0.05;GetSession=THROTTLING@p0.03;GetSession=DROP_CONNECTION@p0.01;"
            + "TerminateSession=INTERNAL_ERROR@p0.05;"
            + "SendTaskSuccess=INTERNAL_ERROR@p0.05;SendTaskSuccess=FAIL_AFTER_COMMIT@p0.03;"
            + "SendTaskFailure=THROTTLING@p0.05;SendTaskFailure=FAIL_AFTER_COMMIT@p0.03;"
            + "SendTaskHeartbeat=INTERNAL_ERROR@p0.05;SendTaskHeartbeat=INTERNAL_ERROR@calls5,6,7,8,9,10,11,12;"
            + "SendTaskSuccess=INTERNAL_ERROR@calls15,16,17,18;SendTaskFailure=INTERNAL_ERROR@calls10,11,12,13";

    SoakPlan {
        faults = List.copyOf(faults);
        faults.forEach(FaultSpec::parse);
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("the time scale must be positive: " + timeScale);
        }
    }

    /** The small run the test suite makes. */
    static SoakPlan defaults() {
        return new SoakPlan(300, 7, faults(DEFAULT_FAULTS), 0.01, 0.1, 0.05, 0.2, 6, 5, 0.3, 0.2, 0.01, 0.02, 5,
                true, 20);
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
                Integer.getInteger("soak.maxReceiveCount", defaults.maxReceiveCount),
                number("soak.taskShare", defaults.taskShare),
                number("soak.taskCloseShare", defaults.taskCloseShare),
                number("soak.watchCrashRate", defaults.watchCrashRate),
                number("soak.watchQueueFailureRate", defaults.watchQueueFailureRate),
                Integer.getInteger("soak.watchMaxReceiveCount", defaults.watchMaxReceiveCount),
                Boolean.parseBoolean(System.getProperty("soak.terminateUnready",
                        Boolean.toString(defaults.terminateUnready))),
                number("soak.timeScale", defaults.timeScale));
    }

    private static List<String> faults(String specs) {
        return Arrays.stream(specs.split(";")).map(String::trim).filter(spec -> !spec.isEmpty()).toList();
    }

    String describe() {
        return String.format(Locale.ROOT, "%d requests, seed %d; faults %s; crash rate %.3f per StartSession call, "
                        + "%.3f per GetSession call; invalid %.0f%%, sent twice %.0f%%, small-quota application %.0f%% "
                        + "(%d sessions); maxReceiveCount %d (watch queue %d); task tokens %.0f%% (%.0f%% of them "
                        + "stopped or timed out mid-way); watch queue failing %.0f%% of entries; unready sessions %s; "
                        + "emulated time x%.0f",
                requests, seed, String.join(";", faults), crashRate, watchCrashRate, invalidShare * 100,
                duplicateShare * 100, quotaShare * 100, quotaSlots, maxReceiveCount, watchMaxReceiveCount,
                taskShare * 100, taskCloseShare * 100, watchQueueFailureRate * 100,
                terminateUnready ? "terminated" : "kept", timeScale);
    }

    private static double number(String property, double fallback) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value);
    }
}

package dev.emrsessionstarter.core.config;

import dev.emrsessionstarter.core.reading.Allowlist;
import dev.emrsessionstarter.core.reading.FieldRules;
import dev.emrsessionstarter.core.reading.RequestPolicy;
import dev.emrsessionstarter.core.watching.FollowPolicy;
import dev.emrsessionstarter.core.watching.WatchPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The deployment's settings (environment variables), checked once at start-up so that a missing or malformed one
 * stops the function with a message naming it instead of failing on the first request.
 *
 * @param requestPolicy the defaults and allowlists requests (and readiness checks) are read against
 * @param maxReceiveCount the request queue's redrive {@code maxReceiveCount}; null where the trigger has no queue
 * @param readinessWatch whether started sessions are followed until ready (docs/contract.md section 6)
 * @param watchQueueUrl the queue readiness checks wait on; null only when the watch is off
 * @param followToEnd how sessions are followed after Ready until they end (docs/contract.md section 9)
 * @param readyEndpoint whether the Ready event and the task output carry the session's Spark Connect endpoint
 * @param startStoppedApplications whether a stopped application without auto-start is started for a request
 */
public record Settings(
        String eventBusName,
        String eventSource,
        RequestPolicy requestPolicy,
        Integer maxReceiveCount,
        int maxRequestBytes,
        int startSessionConcurrency,
        boolean readinessWatch,
        String watchQueueUrl,
        WatchPolicy watchPolicy,
        FollowPolicy followToEnd,
        boolean readyEndpoint,
        boolean startStoppedApplications) {

    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    public static final String EVENT_SOURCE = "EVENT_SOURCE";
    public static final String DEFAULT_APPLICATION_ID = RequestPolicy.DEFAULT_APPLICATION_ID;
    public static final String DEFAULT_EXECUTION_ROLE_ARN = RequestPolicy.DEFAULT_EXECUTION_ROLE_ARN;
    public static final String DEFAULT_IDLE_TIMEOUT_MINUTES = "DEFAULT_IDLE_TIMEOUT_MINUTES";
    public static final String ALLOWED_APPLICATION_IDS = RequestPolicy.ALLOWED_APPLICATION_IDS;
    public static final String ALLOWED_EXECUTION_ROLE_ARNS = RequestPolicy.ALLOWED_EXECUTION_ROLE_ARNS;
    public static final String MAX_RECEIVE_COUNT = "MAX_RECEIVE_COUNT";
    public static final String MAX_REQUEST_BYTES = "MAX_REQUEST_BYTES";
    public static final String START_SESSION_CONCURRENCY = "START_SESSION_CONCURRENCY";
    public static final String WATCH_QUEUE_URL = "WATCH_QUEUE_URL";
    public static final String READINESS_WATCH = "READINESS_WATCH";
    public static final String READINESS_FIRST_CHECK_SECONDS = "READINESS_FIRST_CHECK_SECONDS";
    public static final String READINESS_MAX_CHECK_SECONDS = "READINESS_MAX_CHECK_SECONDS";
    public static final String READINESS_TIMEOUT_MINUTES = "READINESS_TIMEOUT_MINUTES";
    public static final String TERMINATE_UNREADY_SESSIONS = "TERMINATE_UNREADY_SESSIONS";
    public static final String READY_ENDPOINT = "READY_ENDPOINT";
    public static final String FOLLOW_TO_END = "FOLLOW_TO_END";
    public static final String FOLLOW_TO_END_CHECK_MINUTES = "FOLLOW_TO_END_CHECK_MINUTES";
    public static final String FOLLOW_TO_END_MAX_HOURS = "FOLLOW_TO_END_MAX_HOURS";
    public static final String START_STOPPED_APPLICATIONS = "START_STOPPED_APPLICATIONS";

    /** Every setting the function reads, for documentation checks. */
    public static final List<String> ALL = List.of(EVENT_BUS_NAME, EVENT_SOURCE, DEFAULT_APPLICATION_ID,
            DEFAULT_EXECUTION_ROLE_ARN, DEFAULT_IDLE_TIMEOUT_MINUTES, ALLOWED_APPLICATION_IDS,
            ALLOWED_EXECUTION_ROLE_ARNS, MAX_RECEIVE_COUNT, MAX_REQUEST_BYTES, START_SESSION_CONCURRENCY,
            WATCH_QUEUE_URL, READINESS_WATCH, READINESS_FIRST_CHECK_SECONDS, READINESS_MAX_CHECK_SECONDS,
            READINESS_TIMEOUT_MINUTES, TERMINATE_UNREADY_SESSIONS, READY_ENDPOINT, FOLLOW_TO_END,
            FOLLOW_TO_END_CHECK_MINUTES, FOLLOW_TO_END_MAX_HOURS, START_STOPPED_APPLICATIONS);

    public static final String DEFAULT_EVENT_BUS_NAME = "default";
    public static final String DEFAULT_EVENT_SOURCE = "emr-session-starter";
    /** EventBridge's entry limit, and a generous bound for any sane session request. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
    /** SQS's largest message. */
    public static final int MAX_REQUEST_BYTES_LIMIT = 1024 * 1024;
    public static final int DEFAULT_START_SESSION_CONCURRENCY = 10;
    public static final int DEFAULT_FIRST_CHECK_SECONDS = 10;
    public static final int DEFAULT_MAX_CHECK_SECONDS = 60;
    public static final int DEFAULT_TIMEOUT_MINUTES = 30;
    public static final int DEFAULT_FOLLOW_CHECK_MINUTES = 15;
    public static final int DEFAULT_FOLLOW_MAX_HOURS = 48;
    /** A session lives at most a day; a watch longer than that could only end Not Ready. */
    public static final int MAX_TIMEOUT_MINUTES = 24 * 60;

    /** Whether {@link #maxReceiveCount} must be present: the SQS entry point needs it to know a last attempt. */
    public enum QueueTrigger { REQUIRED, NOT_USED }

    public static Settings fromEnvironment(Map<String, String> environment, QueueTrigger queueTrigger) {
        return new Reader(environment).read(queueTrigger);
    }

    public int requireMaxReceiveCount() {
        if (maxReceiveCount == null) {
            throw new SettingsException(List.of(MAX_RECEIVE_COUNT + " is required"));
        }
        return maxReceiveCount;
    }

    /** Collects every problem before failing, so one deployment fix addresses them all. */
    private static final class Reader {
        private final Map<String, String> environment;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> environment) {
            this.environment = environment;
        }

        Settings read(QueueTrigger queueTrigger) {
            String bus = text(EVENT_BUS_NAME).orElse(DEFAULT_EVENT_BUS_NAME);
            check(EVENT_BUS_NAME, bus, value -> value.length() > 1600 ? "must be at most 1600 characters" : null);
            String source = text(EVENT_SOURCE).orElse(DEFAULT_EVENT_SOURCE);
            check(EVENT_SOURCE, source, value -> value.length() > 256 ? "must be at most 256 characters" : null);

            String defaultApplication = text(DEFAULT_APPLICATION_ID).orElse(null);
            check(DEFAULT_APPLICATION_ID, defaultApplication, value -> FieldRules.applicationId(value).orElse(null));
            String defaultRole = text(DEFAULT_EXECUTION_ROLE_ARN).orElse(null);
            check(DEFAULT_EXECUTION_ROLE_ARN, defaultRole, value -> FieldRules.executionRoleArn(value).orElse(null));
            Long defaultIdle = integer(DEFAULT_IDLE_TIMEOUT_MINUTES, 0, FieldRules.IDLE_TIMEOUT_MAX);

            Allowlist applications = allowlist(ALLOWED_APPLICATION_IDS, DEFAULT_APPLICATION_ID, defaultApplication);
            Allowlist roles = allowlist(ALLOWED_EXECUTION_ROLE_ARNS, DEFAULT_EXECUTION_ROLE_ARN, defaultRole);

            Long receiveCount = integer(MAX_RECEIVE_COUNT, 1, 1000);
            if (queueTrigger == QueueTrigger.REQUIRED && text(MAX_RECEIVE_COUNT).isEmpty()) {
                problems.add(MAX_RECEIVE_COUNT + " is required: set it to the request queue's redrive maxReceiveCount");
            }
            Long requestBytes = integer(MAX_REQUEST_BYTES, 1024, MAX_REQUEST_BYTES_LIMIT);
            Long concurrency = integer(START_SESSION_CONCURRENCY, 1, 100);

            boolean watch = bool(READINESS_WATCH, true);
            String watchQueue = text(WATCH_QUEUE_URL).orElse(null);
            if (watch && watchQueue == null) {
                problems.add(WATCH_QUEUE_URL + " is required while " + READINESS_WATCH
                        + " is on: the queue readiness checks wait on");
            }
            check(WATCH_QUEUE_URL, watchQueue, value -> value.startsWith("https://") || value.startsWith("http://")
                    ? null : "must be a queue URL (https://...)");
            long firstCheck = orDefault(integer(READINESS_FIRST_CHECK_SECONDS, 1, 900), DEFAULT_FIRST_CHECK_SECONDS);
            long maxCheck = orDefault(integer(READINESS_MAX_CHECK_SECONDS, 1, 900), DEFAULT_MAX_CHECK_SECONDS);
            if (firstCheck > maxCheck) {
                problems.add(READINESS_FIRST_CHECK_SECONDS + " must not exceed " + READINESS_MAX_CHECK_SECONDS);
            }
            long timeout = orDefault(integer(READINESS_TIMEOUT_MINUTES, 1, MAX_TIMEOUT_MINUTES),
                    DEFAULT_TIMEOUT_MINUTES);
            boolean terminate = bool(TERMINATE_UNREADY_SESSIONS, false);
            boolean readyEndpoint = bool(READY_ENDPOINT, true);
            boolean follow = bool(FOLLOW_TO_END, true);
            long followMinutes = orDefault(integer(FOLLOW_TO_END_CHECK_MINUTES, 1, 15), DEFAULT_FOLLOW_CHECK_MINUTES);
            long followHours = orDefault(integer(FOLLOW_TO_END_MAX_HOURS, 1, 168), DEFAULT_FOLLOW_MAX_HOURS);
            boolean startStopped = bool(START_STOPPED_APPLICATIONS, false);

            if (!problems.isEmpty()) {
                throw new SettingsException(problems);
            }
            return new Settings(bus, source,
                    new RequestPolicy(defaultApplication, defaultRole, defaultIdle, applications, roles),
                    receiveCount == null ? null : receiveCount.intValue(),
                    requestBytes == null ? DEFAULT_MAX_REQUEST_BYTES : requestBytes.intValue(),
                    concurrency == null ? DEFAULT_START_SESSION_CONCURRENCY : concurrency.intValue(),
                    watch, watchQueue, new WatchPolicy(Duration.ofSeconds(firstCheck), Duration.ofSeconds(maxCheck),
                            Duration.ofMinutes(timeout), terminate),
                    new FollowPolicy(follow && watch, Duration.ofMinutes(followMinutes), Duration.ofHours(followHours)),
                    readyEndpoint, startStopped);
        }

        private boolean bool(String name, boolean fallback) {
            Optional<String> raw = text(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            if (raw.get().equalsIgnoreCase("true") || raw.get().equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(raw.get());
            }
            problems.add(name + " must be true or false");
            return fallback;
        }

        private static long orDefault(Long value, long fallback) {
            return value == null ? fallback : value;
        }

        /**
         * An allowlist is required: the function passes roles on to EMR, so it must never default to "anything".
         * A deployment that only sets a default gets an allowlist of exactly that default.
         */
        private Allowlist allowlist(String name, String defaultName, String defaultValue) {
            Optional<String> raw = text(name);
            if (raw.isEmpty()) {
                if (defaultValue != null) {
                    return Allowlist.of(defaultValue);
                }
                problems.add(name + " is required (comma-separated, '*' wildcards; or set " + defaultName + ")");
                return Allowlist.of();
            }
            Allowlist allowlist = Allowlist.parse(raw.get());
            if (allowlist.isEmpty()) {
                problems.add(name + " lists no values");
            } else if (defaultValue != null && !allowlist.allows(defaultValue)) {
                problems.add(defaultName + " is not allowed by " + name);
            }
            return allowlist;
        }

        private Optional<String> text(String name) {
            String value = environment.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        private void check(String name, String value, Function<String, String> rule) {
            if (value != null) {
                String problem = rule.apply(value);
                if (problem != null) {
                    problems.add(name + " " + problem);
                }
            }
        }

        private Long integer(String name, long min, long max) {
            Optional<String> raw = text(name);
            if (raw.isEmpty()) {
                return null;
            }
            try {
                long value = Long.parseLong(raw.get());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            problems.add(name + " must be an integer from " + min + " to " + max);
            return null;
        }
    }
}

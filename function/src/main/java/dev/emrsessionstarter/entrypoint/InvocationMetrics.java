package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.outcome.StartCall;
import dev.emrsessionstarter.core.port.SessionMonitor;
import dev.emrsessionstarter.core.watching.CheckOutcome;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Records an invocation's results as CloudWatch embedded-metric-format metrics through Powertools. All metrics are
 * recorded on the handler's thread, after the batch: the Powertools metrics instance is shared.
 */
public final class InvocationMetrics {

    public static final String NAMESPACE = "EmrSessionStarter";
    public static final String REQUESTS_RECEIVED = "RequestsReceived";
    public static final String SESSIONS_STARTED = "SessionsStarted";
    public static final String REQUESTS_REJECTED = "RequestsRejected";
    public static final String SESSIONS_TERMINATED = "SessionsTerminated";
    public static final String REQUESTS_RETRIED = "RequestsRetried";
    public static final String REQUESTS_FAILED = "RequestsFailed";
    public static final String START_SESSION_RETRIES = "StartSessionRetries";
    public static final String START_SESSION_ERRORS = "StartSessionErrors";
    public static final String START_SESSION_LATENCY = "StartSessionLatency";
    public static final String OUTCOME_EVENTS_FAILED = "OutcomeEventsFailed";
    public static final String READINESS_CHECKS = "ReadinessChecks";
    public static final String SESSIONS_READY = "SessionsReady";
    public static final String SESSIONS_FAILED = "SessionsFailed";
    public static final String SESSIONS_NOT_READY = "SessionsNotReady";
    public static final String READINESS_CHECKS_RETRIED = "ReadinessChecksRetried";
    /** Checks the watch would not act on: outside the allowlists, or naming another session than they describe. */
    public static final String READINESS_CHECKS_REFUSED = "ReadinessChecksRefused";
    public static final String SECONDS_TO_READY = "SecondsToReady";
    public static final String SESSIONS_ENDED = "SessionsEnded";
    public static final String SESSIONS_STILL_RUNNING = "SessionsStillRunning";
    /** Hours the ended sessions ran (their totalExecutionDurationSeconds): a sum per period is session-hours. */
    public static final String SESSION_HOURS = "SessionHours";
    public static final String SESSION_VCPU_HOURS_BILLED = "SessionVcpuHoursBilled";
    public static final String ERROR_CODE_DIMENSION = "ErrorCode";

    private final Metrics metrics;

    public InvocationMetrics(Metrics metrics) {
        this.metrics = metrics;
        if (System.getenv("POWERTOOLS_METRICS_NAMESPACE") == null) {
            metrics.setNamespace(NAMESPACE);
        }
    }

    /**
     * The process-wide Powertools instance, for the handlers' no-argument constructors. It writes to standard output,
     * where Lambda picks the metrics up: the function says so, because left to find out, the metrics library probes
     * the EC2 and ECS metadata endpoints over HTTP alongside Lambda's environment variables at the first flush, on
     * background threads that go on after Lambda has answered.
     */
    public static InvocationMetrics powertools() {
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
        return new InvocationMetrics(MetricsFactory.getMetricsInstance());
    }

    public void captureColdStart(Context context) {
        metrics.captureColdStartMetric(context);
    }

    public void record(List<RequestOutcome> outcomes) {
        int started = 0;
        int rejected = 0;
        int terminated = 0;
        int retried = 0;
        int failed = 0;
        int retries = 0;
        int eventsFailed = 0;
        Map<String, Integer> errors = new TreeMap<>();
        for (RequestOutcome outcome : outcomes) {
            if (outcome instanceof RequestOutcome.Started) {
                started++;
            } else if (outcome instanceof RequestOutcome.Rejected) {
                rejected++;
            } else if (outcome instanceof RequestOutcome.Terminated) {
                terminated++;
            } else if (((RequestOutcome.RetryLater) outcome).lastAttempt()) {
                failed++;
            } else {
                retried++;
            }
            if (outcome.event() == RequestOutcome.EventFate.NOT_PUBLISHED) {
                eventsFailed++;
            }
            retries += Math.max(0, outcome.calls().size() - 1);
            for (StartCall call : outcome.calls()) {
                metrics.addMetric(START_SESSION_LATENCY, call.latency().toNanos() / 1_000_000.0,
                        MetricUnit.MILLISECONDS);
                if (call.errorCode() != null) {
                    errors.merge(call.errorCode(), 1, Integer::sum);
                }
            }
        }
        metrics.addMetric(REQUESTS_RECEIVED, outcomes.size(), MetricUnit.COUNT);
        metrics.addMetric(SESSIONS_STARTED, started, MetricUnit.COUNT);
        metrics.addMetric(REQUESTS_REJECTED, rejected, MetricUnit.COUNT);
        metrics.addMetric(SESSIONS_TERMINATED, terminated, MetricUnit.COUNT);
        metrics.addMetric(REQUESTS_RETRIED, retried, MetricUnit.COUNT);
        metrics.addMetric(REQUESTS_FAILED, failed, MetricUnit.COUNT);
        metrics.addMetric(START_SESSION_RETRIES, retries, MetricUnit.COUNT);
        metrics.addMetric(OUTCOME_EVENTS_FAILED, eventsFailed, MetricUnit.COUNT);
        // One dimension set {Service, ErrorCode}: an alarm or graph per error code of this service.
        errors.forEach((code, count) -> metrics.flushMetrics(perCode -> {
            Map<String, String> dimensions = new TreeMap<>(metrics.getDefaultDimensions().getDimensions());
            dimensions.put(ERROR_CODE_DIMENSION, code);
            perCode.clearDefaultDimensions();
            perCode.addDimension(DimensionSet.of(dimensions));
            perCode.addMetric(START_SESSION_ERRORS, count, MetricUnit.COUNT);
        }));
    }

    /** One invocation of the watch: how its checks ended, and how long ready sessions took. */
    public void recordChecks(List<CheckOutcome> outcomes) {
        Map<CheckOutcome.Readiness, Integer> ended = new EnumMap<>(CheckOutcome.Readiness.class);
        int retried = 0;
        int refused = 0;
        for (CheckOutcome outcome : outcomes) {
            if (outcome instanceof CheckOutcome.Ended end) {
                ended.merge(end.readiness(), 1, Integer::sum);
                if (end.readiness() == CheckOutcome.Readiness.READY) {
                    metrics.addMetric(SECONDS_TO_READY, end.elapsed().toMillis() / 1000.0, MetricUnit.SECONDS);
                }
                if (end.readiness() == CheckOutcome.Readiness.ENDED && end.read() != null
                        && end.read().usage() != null) {
                    SessionMonitor.Usage usage = end.read().usage();
                    if (usage.totalExecutionDurationSeconds() != null) {
                        metrics.addMetric(SESSION_HOURS, usage.totalExecutionDurationSeconds() / 3600.0,
                                MetricUnit.COUNT);
                    }
                    if (usage.billed() != null && usage.billed().vCpuHours() != null) {
                        metrics.addMetric(SESSION_VCPU_HOURS_BILLED, usage.billed().vCpuHours(), MetricUnit.COUNT);
                    }
                }
            } else if (outcome.needsRetry()) {
                retried++;
            } else if (outcome instanceof CheckOutcome.Refused) {
                refused++;
            }
        }
        metrics.addMetric(READINESS_CHECKS, outcomes.size(), MetricUnit.COUNT);
        metrics.addMetric(SESSIONS_READY, ended.getOrDefault(CheckOutcome.Readiness.READY, 0), MetricUnit.COUNT);
        metrics.addMetric(SESSIONS_FAILED, ended.getOrDefault(CheckOutcome.Readiness.FAILED, 0), MetricUnit.COUNT);
        metrics.addMetric(SESSIONS_NOT_READY, ended.getOrDefault(CheckOutcome.Readiness.NOT_READY, 0),
                MetricUnit.COUNT);
        metrics.addMetric(SESSIONS_ENDED, ended.getOrDefault(CheckOutcome.Readiness.ENDED, 0), MetricUnit.COUNT);
        metrics.addMetric(SESSIONS_STILL_RUNNING, ended.getOrDefault(CheckOutcome.Readiness.STILL_RUNNING, 0),
                MetricUnit.COUNT);
        metrics.addMetric(READINESS_CHECKS_RETRIED, retried, MetricUnit.COUNT);
        metrics.addMetric(READINESS_CHECKS_REFUSED, refused, MetricUnit.COUNT);
    }

    public void flush() {
        metrics.flush();
    }
}

package dev.emrsessionstarter.harness.run;

import com.amazonaws.services.lambda.runtime.Context;
import dev.emrsessionstarter.entrypoint.InvocationMetrics;
import java.time.Instant;
import java.util.function.Consumer;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricResolution;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Counts the requests a handler reports as started, rejected and to retry, through the metrics it records for every
 * invocation ({@value InvocationMetrics#SESSIONS_STARTED}, {@value InvocationMetrics#REQUESTS_REJECTED},
 * {@value InvocationMetrics#REQUESTS_RETRIED}, {@value InvocationMetrics#REQUESTS_FAILED}): the one account of
 * outcomes that every trigger gives, against the emulators and against AWS alike. Everything is passed on to the
 * Powertools metrics unchanged.
 */
final class OutcomeTally implements Metrics {

    private final Metrics metrics;
    private int started;
    private int rejected;
    private int retried;

    OutcomeTally(Metrics metrics) {
        this.metrics = metrics;
    }

    synchronized int started() {
        return started;
    }

    synchronized int rejected() {
        return rejected;
    }

    /** Requests to deliver again, and those that failed transiently on their last attempt (dead-lettered). */
    synchronized int retried() {
        return retried;
    }

    synchronized int requests() {
        return started + rejected + retried;
    }

    /** A retry outranks a rejection, which outranks a start. */
    synchronized ExitCode exitCode() {
        if (retried > 0) {
            return ExitCode.RETRY;
        }
        return rejected > 0 ? ExitCode.REJECTED : ExitCode.STARTED;
    }

    private synchronized void count(String name, double value) {
        int count = (int) value;
        switch (name) {
            case InvocationMetrics.SESSIONS_STARTED -> started += count;
            case InvocationMetrics.REQUESTS_REJECTED -> rejected += count;
            case InvocationMetrics.REQUESTS_RETRIED, InvocationMetrics.REQUESTS_FAILED -> retried += count;
            default -> {
                // latency, retries, errors: not outcomes
            }
        }
    }

    @Override
    public void addMetric(String name, double value, MetricUnit unit, MetricResolution resolution) {
        count(name, value);
        metrics.addMetric(name, value, unit, resolution);
    }

    @Override
    public void addMetric(String name, double value, MetricUnit unit) {
        count(name, value);
        metrics.addMetric(name, value, unit);
    }

    @Override
    public void addMetric(String name, double value) {
        count(name, value);
        metrics.addMetric(name, value);
    }

    @Override
    public void addDimension(String key, String value) {
        metrics.addDimension(key, value);
    }

    @Override
    public void addDimension(DimensionSet dimensionSet) {
        metrics.addDimension(dimensionSet);
    }

    @Override
    public void setTimestamp(Instant timestamp) {
        metrics.setTimestamp(timestamp);
    }

    @Override
    public void addMetadata(String key, Object value) {
        metrics.addMetadata(key, value);
    }

    @Override
    public void setDefaultDimensions(DimensionSet dimensionSet) {
        metrics.setDefaultDimensions(dimensionSet);
    }

    @Override
    public DimensionSet getDefaultDimensions() {
        return metrics.getDefaultDimensions();
    }

    @Override
    public void setNamespace(String namespace) {
        metrics.setNamespace(namespace);
    }

    @Override
    public void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {
        metrics.setRaiseOnEmptyMetrics(raiseOnEmptyMetrics);
    }

    @Override
    public void clearDefaultDimensions() {
        metrics.clearDefaultDimensions();
    }

    @Override
    public void flush() {
        metrics.flush();
    }

    @Override
    public void captureColdStartMetric(Context context, DimensionSet dimensions) {
        metrics.captureColdStartMetric(context, dimensions);
    }

    @Override
    public void captureColdStartMetric(Context context) {
        metrics.captureColdStartMetric(context);
    }

    @Override
    public void captureColdStartMetric(DimensionSet dimensions) {
        metrics.captureColdStartMetric(dimensions);
    }

    @Override
    public void captureColdStartMetric() {
        metrics.captureColdStartMetric();
    }

    @Override
    public void flushMetrics(Consumer<Metrics> work) {
        metrics.flushMetrics(work);
    }

    @Override
    public void flushSingleMetric(String name, double value, MetricUnit unit, String namespace,
                                  DimensionSet dimensions) {
        metrics.flushSingleMetric(name, value, unit, namespace, dimensions);
    }

    @Override
    public void flushSingleMetric(String name, double value, MetricUnit unit, String namespace) {
        metrics.flushSingleMetric(name, value, unit, namespace);
    }
}

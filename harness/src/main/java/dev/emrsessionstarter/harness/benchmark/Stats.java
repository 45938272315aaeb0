package dev.emrsessionstarter.harness.benchmark;

import java.util.List;

/** Medians of repeated measurements: robust to the odd run slowed down by something else on the machine. */
final class Stats {

    private Stats() {
    }

    static double median(List<? extends Number> values) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The nearest-rank percentile (95 for the 95th) of the values. */
    static double percentile(List<? extends Number> values, double percent) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}

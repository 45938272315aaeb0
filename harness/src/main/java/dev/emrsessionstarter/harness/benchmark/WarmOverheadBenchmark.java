package dev.emrsessionstarter.harness.benchmark;

import dev.emrsessionstarter.harness.lambda.ExecutionEnvironment;
import java.util.ArrayList;
import java.util.List;

/**
 * Warm overhead: a batch of 10 against zero-latency emulators, the warm function against the warm baseline (10
 * StartSessions and one PutEvents, nothing else), alternating. The overhead is the CPU time each process spends per
 * batch: the function's own work (parsing, validation, tokens, lanes, outcome events, logging and metrics) on top
 * of the same SDK calls. Elapsed times are shown too, but they mostly show the function's concurrency.
 */
final class WarmOverheadBenchmark {

    private static final int WARM_UP_BATCHES = 20;

    private final BenchmarkEnvironment environment;
    private final int repetitions;

    WarmOverheadBenchmark(BenchmarkEnvironment environment, int repetitions) {
        this.environment = environment;
        this.repetitions = repetitions;
    }

    void run(ResultTable table) {
        List<Double> function = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        long functionCpu;
        long baselineCpu;
        try (ExecutionEnvironment functionRuntime = environment.start(environment.function, builder -> { });
             ExecutionEnvironment baselineRuntime = environment.start(environment.baseline, builder -> { })) {
            for (int i = 0; i < WARM_UP_BATCHES; i++) {
                BenchmarkEnvironment.handleBatch(functionRuntime, 10);
                BenchmarkEnvironment.handleBatch(baselineRuntime, 10);
            }
            long functionCpuBefore = functionRuntime.process().cpuTimeMillis();
            long baselineCpuBefore = baselineRuntime.process().cpuTimeMillis();
            for (int i = 0; i < repetitions; i++) {
                function.add(Stats.millis(BenchmarkEnvironment.handleBatch(functionRuntime, 10).durationNanos()));
                baseline.add(Stats.millis(BenchmarkEnvironment.handleBatch(baselineRuntime, 10).durationNanos()));
            }
            functionCpu = functionRuntime.process().cpuTimeMillis() - functionCpuBefore;
            baselineCpu = baselineRuntime.process().cpuTimeMillis() - baselineCpuBefore;
        }
        table.section("Warm batch of 10, zero-latency emulators (median of " + repetitions + " after "
                + WARM_UP_BATCHES + " warm-up batches, alternating)");
        table.ratio("CPU time per batch (the work done; mean over the batches)", functionCpu / (double) repetitions,
                baselineCpu / (double) repetitions, " ms", 1.5);
        table.ratio("`/next` → `/response` (the function's StartSessions run concurrently, the baseline's in turn)",
                Stats.median(function), Stats.median(baseline), " ms", Double.NaN);
    }
}

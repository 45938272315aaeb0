package dev.emrsessionstarter.harness.benchmark;

import dev.emrsessionstarter.harness.benchmark.BenchmarkEnvironment.Subject;
import dev.emrsessionstarter.harness.lambda.ExecutionEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Warm overhead: a batch of 10 against zero-latency emulators, the warm function against the warm Powertools peer and
 * the warm baseline (10 StartSessions and one PutEvents, nothing else), in turn. The overhead is the CPU time each
 * process spends per batch: the function's own work (parsing, validation, tokens, lanes, outcome events, logging and
 * metrics) on top of the same SDK calls. The elapsed time of a batch is what its caller waits for.
 */
final class WarmOverheadBenchmark {

    private static final int WARM_UP_BATCHES = 20;

    private final BenchmarkEnvironment environment;
    private final int repetitions;

    WarmOverheadBenchmark(BenchmarkEnvironment environment, int repetitions) {
        this.environment = environment;
        this.repetitions = repetitions;
    }

    /** One subject's warm batches: elapsed time of each, CPU time of them all. */
    private record Batches(List<Double> elapsedMillis, long cpuMillis) {
    }

    void run(ResultTable table) {
        Map<Subject, Batches> measured = new LinkedHashMap<>();
        List<Subject> subjects = List.of(environment.function, environment.peer, environment.baseline);
        List<ExecutionEnvironment> runtimes = new ArrayList<>();
        try {
            for (Subject subject : subjects) {
                runtimes.add(environment.start(subject, builder -> { }));
            }
            for (int i = 0; i < WARM_UP_BATCHES; i++) {
                runtimes.forEach(runtime -> BenchmarkEnvironment.handleBatch(runtime, 10));
            }
            long[] cpuBefore = runtimes.stream().mapToLong(runtime -> runtime.process().cpuTimeMillis()).toArray();
            List<List<Double>> elapsed = subjects.stream().map(subject -> (List<Double>) new ArrayList<Double>())
                    .toList();
            for (int i = 0; i < repetitions; i++) {
                for (int s = 0; s < runtimes.size(); s++) {
                    elapsed.get(s).add(Stats.millis(
                            BenchmarkEnvironment.handleBatch(runtimes.get(s), 10).durationNanos()));
                }
            }
            for (int s = 0; s < runtimes.size(); s++) {
                measured.put(subjects.get(s), new Batches(elapsed.get(s),
                        runtimes.get(s).process().cpuTimeMillis() - cpuBefore[s]));
            }
        } finally {
            runtimes.forEach(ExecutionEnvironment::close);
        }
        Batches function = measured.get(environment.function);
        Batches peer = measured.get(environment.peer);
        Batches baseline = measured.get(environment.baseline);
        table.section("Warm batch of 10, zero-latency emulators (median of " + repetitions + " after "
                + WARM_UP_BATCHES + " warm-up batches, in turn)");
        table.ratio("`/next` → `/response` against the peer (its StartSessions run in turn)",
                Stats.median(function.elapsedMillis()), Stats.median(peer.elapsedMillis()), " ms", 1.0);
        table.ratio("CPU time per batch against the peer (mean over the batches)",
                function.cpuMillis() / (double) repetitions, peer.cpuMillis() / (double) repetitions, " ms",
                Double.NaN);
        table.ratio("`/next` → `/response` against the baseline", Stats.median(function.elapsedMillis()),
                Stats.median(baseline.elapsedMillis()), " ms", Double.NaN);
        table.ratio("CPU time per batch against the baseline (the function's own work on top of the SDK calls)",
                function.cpuMillis() / (double) repetitions, baseline.cpuMillis() / (double) repetitions, " ms",
                1.5);
    }
}

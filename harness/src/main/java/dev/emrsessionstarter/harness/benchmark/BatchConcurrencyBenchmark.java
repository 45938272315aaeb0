package dev.emrsessionstarter.harness.benchmark;

import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.harness.lambda.ExecutionEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch concurrency: with 200 ms added to every StartSession, a warm function handles a batch of 10 in about the time
 * of one request (one after another would take 10 times as long), and publishes the batch's 10 outcome events in a
 * single PutEvents call. Single requests and batches alternate.
 */
final class BatchConcurrencyBenchmark {

    static final Duration START_SESSION_LATENCY = Duration.ofMillis(200);

    private final BenchmarkEnvironment environment;
    private final int repetitions;

    BatchConcurrencyBenchmark(BenchmarkEnvironment environment, int repetitions) {
        this.environment = environment;
        this.repetitions = repetitions;
    }

    void run(ResultTable table) {
        List<Double> singles = new ArrayList<>();
        List<Double> batches = new ArrayList<>();
        List<Integer> putEventsCalls = new ArrayList<>();
        try (ExecutionEnvironment runtime = environment.start(environment.function, builder -> { })) {
            for (int i = 0; i < 5; i++) {
                BenchmarkEnvironment.handleBatch(runtime, 10);
            }
            environment.aws.emr().faults(EmrOperation.START_SESSION).latency(START_SESSION_LATENCY);
            for (int i = 0; i < repetitions; i++) {
                singles.add(Stats.millis(BenchmarkEnvironment.handleBatch(runtime, 1).durationNanos()));
                int before = environment.aws.events().putEventsCalls();
                batches.add(Stats.millis(BenchmarkEnvironment.handleBatch(runtime, 10).durationNanos()));
                putEventsCalls.add(environment.aws.events().putEventsCalls() - before);
            }
        } finally {
            environment.aws.emr().faults(EmrOperation.START_SESSION).latency(Duration.ZERO);
        }
        table.section("Batch concurrency, warm, " + START_SESSION_LATENCY.toMillis()
                + " ms added to every StartSession (median of " + repetitions + ", alternating)");
        double single = Stats.median(singles);
        double batch = Stats.median(batches);
        double ratio = batch / single;
        table.row("batch of 10 vs a single request", ResultTable.format(batch) + " ms",
                ResultTable.format(single) + " ms (single)", String.format("%.2f", ratio),
                String.format("≤ 1.3: %s (one after another: 10)", ratio <= 1.3 ? "met" : "MISSED"));
        boolean exactlyOne = putEventsCalls.stream().allMatch(calls -> calls == 1);
        table.row("PutEvents calls per batch of 10", putEventsCalls.toString(), "", "",
                "exactly 1: " + (exactlyOne ? "met" : "MISSED"));
    }
}

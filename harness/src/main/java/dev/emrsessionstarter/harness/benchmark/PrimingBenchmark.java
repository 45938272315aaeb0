package dev.emrsessionstarter.harness.benchmark;

import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.harness.lambda.ExecutionEnvironment;
import java.util.ArrayList;
import java.util.List;

/**
 * SnapStart priming. A launch with {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} makes the runtime interface client
 * run the CRaC {@code beforeCheckpoint} hooks after init, then ask for {@code restore/next}; no snapshot is taken here,
 * the same JVM goes on, so its first invocation shows what a restored snapshot would start with. Alternates with
 * on-demand launches, and counts the calls that reached the emulators while the hooks ran (there must be none).
 */
final class PrimingBenchmark {

    private final BenchmarkEnvironment environment;
    private final int repetitions;

    PrimingBenchmark(BenchmarkEnvironment environment, int repetitions) {
        this.environment = environment;
        this.repetitions = repetitions;
    }

    void run(ResultTable table) {
        List<Double> onDemandInit = new ArrayList<>();
        List<Double> onDemandFirst = new ArrayList<>();
        List<Double> primedInit = new ArrayList<>();
        List<Double> primedFirst = new ArrayList<>();
        int callsWhilePriming = 0;
        for (int i = 0; i < repetitions; i++) {
            try (ExecutionEnvironment runtime = environment.start(environment.function, builder -> { })) {
                double first = Stats.millis(BenchmarkEnvironment.handleBatch(runtime, 1).durationNanos());
                onDemandInit.add(Stats.millis(runtime.api().firstNext().join() - runtime.process().launchedNanos()));
                onDemandFirst.add(first);
            }
            int before = calls();
            try (ExecutionEnvironment runtime = environment.start(environment.function,
                    builder -> builder.initializationType("snap-start"))) {
                long restored = runtime.awaitRestore();
                callsWhilePriming += calls() - before;
                primedInit.add(Stats.millis(restored - runtime.process().launchedNanos()));
                primedFirst.add(Stats.millis(BenchmarkEnvironment.handleBatch(runtime, 1).durationNanos()));
            }
        }
        table.section("SnapStart priming (median of " + repetitions + " launches each, alternating; function vs "
                + "the function without priming)");
        table.ratio("init, with the `beforeCheckpoint` hooks", Stats.median(primedInit),
                Stats.median(onDemandInit), " ms", Double.NaN);
        table.ratio("first invocation after init (SQS batch of 1)", Stats.median(primedFirst),
                Stats.median(onDemandFirst), " ms", 0.4);
        table.row("StartSession + PutEvents calls reaching the emulators while priming", Integer.toString(
                callsWhilePriming), "", "", "0: " + (callsWhilePriming == 0 ? "met" : "MISSED"));
    }

    private int calls() {
        return environment.aws.emr().requestCount(EmrOperation.START_SESSION)
                + environment.aws.events().putEventsCalls();
    }

}

package dev.emrsessionstarter.harness.benchmark;

import dev.emrsessionstarter.harness.lambda.ExecutionEnvironment;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory under sustained load: many batches of 10 through one runtime process, with the heap sized as Lambda sizes
 * it for the memory setting (85%: 445645k at 512 MB). Peak resident set size is what Lambda reports as "Max Memory
 * Used"; the peak heap comes from the GC log.
 */
final class MemoryBenchmark {

    private final BenchmarkEnvironment environment;
    private final int batches;

    MemoryBenchmark(BenchmarkEnvironment environment, int batches) {
        this.environment = environment;
        this.batches = batches;
    }

    void run(ResultTable table, int templateMemoryMb) {
        table.section("Memory, " + batches + " batches of 10 through one process (function)");
        for (int memoryMb : List.of(templateMemoryMb, 256)) {
            Path gcLog = environment.work.resolve("gc-" + memoryMb + ".log");
            long peakRssKib;
            int handled = 0;
            String failure = null;
            try (ExecutionEnvironment runtime = environment.start(
                    new BenchmarkEnvironment.Subject("function", environment.function.function().withMemory(memoryMb),
                            environment.function.taskRoot()),
                    builder -> builder.jvmOption(GcLog.option(gcLog)))) {
                try {
                    for (; handled < batches; handled++) {
                        BenchmarkEnvironment.handleBatch(runtime, 10);
                    }
                } catch (RuntimeException failed) {
                    failure = failed.getMessage().lines().findFirst().orElse("failed");
                }
                peakRssKib = runtime.process().peakRssKib();
            }
            GcLog gc = GcLog.read(gcLog);
            long heapCapKib = Math.round(memoryMb * 1024 * 0.85);
            table.row(memoryMb + " MB: peak RSS / memory", mib(peakRssKib) + " / " + memoryMb + " MiB", "",
                    String.format("%.0f%%", 100.0 * peakRssKib / (memoryMb * 1024.0)),
                    failure == null && peakRssKib < memoryMb * 1024L * 0.8 ? "fits, with room" : "tight");
            table.row(memoryMb + " MB: peak heap used / live after GC / committed / cap",
                    mib(gc.peakUsedKib()) + " / " + mib(gc.peakLiveKib()) + " / " + mib(gc.peakCommittedKib())
                            + " / " + mib(heapCapKib), "", "", gc.collections() + " collections");
            table.row(memoryMb + " MB: requests handled", (handled * 10) + " of " + (batches * 10), "", "",
                    failure == null ? "all answered" : "FAILED: " + failure);
        }
    }

    private static String mib(long kib) {
        return String.format("%.0f MiB", kib / 1024.0);
    }
}

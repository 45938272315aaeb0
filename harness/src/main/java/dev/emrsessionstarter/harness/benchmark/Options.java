package dev.emrsessionstarter.harness.benchmark;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command-line options: {@code --repetitions N} (launches or batches per measurement, default 5),
 * {@code --only cold,batch,warm,memory,priming} (default all), {@code --memory-batches N} (batches of 10 in the memory
 * run, default 300).
 */
record Options(int repetitions, Set<String> benchmarks, int memoryBatches) {

    static final List<String> ALL = List.of("cold", "batch", "warm", "memory", "priming");

    static Options parse(String[] args) {
        int repetitions = 5;
        int memoryBatches = 300;
        Set<String> benchmarks = new LinkedHashSet<>(ALL);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repetitions" -> repetitions = Integer.parseInt(args[++i]);
                case "--memory-batches" -> memoryBatches = Integer.parseInt(args[++i]);
                case "--only" -> {
                    benchmarks = new LinkedHashSet<>(List.of(args[++i].split(",")));
                    if (!ALL.containsAll(benchmarks)) {
                        throw new IllegalArgumentException("--only takes some of " + ALL);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--repetitions N, --only " + String.join(",", ALL) + ", --memory-batches N)");
            }
        }
        return new Options(repetitions, benchmarks, memoryBatches);
    }

    boolean runs(String benchmark) {
        return benchmarks.contains(benchmark);
    }
}

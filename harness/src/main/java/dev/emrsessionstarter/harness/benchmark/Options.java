package dev.emrsessionstarter.harness.benchmark;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command-line options: {@code --repetitions N} (launches or batches per measurement, default 5),
 * {@code --only cold,batch,warm,memory,priming,readiness,throughput,cost} (default all), {@code --memory-batches N}
 * (batches of 10 in the memory run, default 300), {@code --readiness-sessions N} (sessions per set of start-ups in the
 * readiness run, default 200), {@code --readiness-startup SECONDS} (the chosen start-up time of the readiness run,
 * default 120), {@code --throughput-seconds N} (the measured window of each throughput run, after the ramp-up,
 * default 30), {@code --cost-batches N} (invocations measured per kind in the cost run, default 20).
 */
record Options(int repetitions, Set<String> benchmarks, int memoryBatches, int readinessSessions,
        Duration readinessStartup, Duration throughputWindow, int costBatches) {

    static final List<String> ALL = List.of("cold", "batch", "warm", "memory", "priming", "readiness", "throughput",
            "cost");
    /** The benchmarks that boot the packaged archive. */
    static final List<String> ON_THE_ARCHIVE = List.of("cold", "batch", "warm", "memory", "priming", "cost");

    static Options parse(String[] args) {
        int repetitions = 5;
        int memoryBatches = 300;
        int readinessSessions = 200;
        Duration readinessStartup = Duration.ofMinutes(2);
        Duration throughputWindow = Duration.ofSeconds(30);
        int costBatches = 20;
        Set<String> benchmarks = new LinkedHashSet<>(ALL);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repetitions" -> repetitions = Integer.parseInt(args[++i]);
                case "--memory-batches" -> memoryBatches = Integer.parseInt(args[++i]);
                case "--readiness-sessions" -> readinessSessions = Integer.parseInt(args[++i]);
                case "--readiness-startup" -> readinessStartup = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--throughput-seconds" -> throughputWindow = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--cost-batches" -> costBatches = Integer.parseInt(args[++i]);
                case "--only" -> {
                    benchmarks = new LinkedHashSet<>(List.of(args[++i].split(",")));
                    if (!ALL.containsAll(benchmarks)) {
                        throw new IllegalArgumentException("--only takes some of " + ALL);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--repetitions N, --only " + String.join(",", ALL) + ", --memory-batches N, "
                        + "--readiness-sessions N, --readiness-startup SECONDS, --throughput-seconds N, "
                        + "--cost-batches N)");
            }
        }
        return new Options(repetitions, benchmarks, memoryBatches, readinessSessions, readinessStartup,
                throughputWindow, costBatches);
    }

    boolean runs(String benchmark) {
        return benchmarks.contains(benchmark);
    }

    /** Whether any chosen benchmark boots the packaged archive (and so needs the task roots). */
    boolean needsArchive() {
        return ON_THE_ARCHIVE.stream().anyMatch(benchmarks::contains);
    }
}

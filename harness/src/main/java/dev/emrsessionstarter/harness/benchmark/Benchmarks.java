package dev.emrsessionstarter.harness.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/**
 * The benchmark command ({@code mvn -q -DskipTests package exec:java@benchmark}): boots the packaged archive through
 * the Lambda runtime interface client against a local Runtime API and the emulators, next to a baseline handler that
 * makes the same SDK calls and nothing else, and prints one table of medians and function/baseline ratios measured
 * side by side, and the readiness watch's detection lag and GetSession calls on a manual clock (no archive needed:
 * {@code --only readiness}), the throughput of the SQS function against the event source mapping's ceiling (in this
 * JVM, no archive needed: {@code --only throughput}), and the cost per 1,000 requests from measured durations and
 * counted calls ({@code --only cost}). Options: see {@link Options}. Progress goes to standard error, the table to
 * standard output; {@code -Dbenchmark.keep=true} keeps the task roots and the runtimes' logs (class loading, GC)
 * for a closer look.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws IOException {
        // The JDK HTTP server (emulators, Runtime API) otherwise sends a response's headers and body as two segments
        // under Nagle's algorithm, and each answer waits out the client's delayed ACK (about 40 ms): a cost of the
        // emulators, not of the function, that would swamp the differences measured here.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // The readiness, throughput and cost runs call the handlers in this JVM. Outside Lambda their metrics library
        // would look for a CloudWatch agent and keep a thread retrying (and the JVM alive); print the metrics as
        // Lambda does instead (to standard output, which those runs discard).
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("emr-session-starter-benchmarks");
        String loadBefore = loadAverage();
        ResultTable table = new ResultTable();
        // Standard output is the table's: whatever else writes there meanwhile (the local SQS server's logs, say)
        // goes to standard error with the progress.
        PrintStream out = System.out;
        System.setOut(System.err);
        try {
            if (options.needsArchive()) {
                runOnTheArchive(options, work, table);
            }
            if (options.runs("readiness")) {
                new ReadinessBenchmark(options.readinessSessions(), options.readinessStartup(), 7).run(table);
            }
            if (options.runs("throughput")) {
                new ThroughputBenchmark(options.throughputWindow()).run(table);
            }
        } finally {
            System.setOut(out);
            if (Boolean.getBoolean("benchmark.keep")) {
                System.err.println("logs and task roots kept in " + work);
            } else {
                delete(work);
            }
        }
        System.out.println();
        System.out.println(table.render());
        System.out.printf("Machine: %d processors, %s %s (%s); load average before %s, after %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("os.arch"), loadBefore,
                loadAverage());
    }

    private static void runOnTheArchive(Options options, Path work, ResultTable table) {
        try (BenchmarkEnvironment environment = BenchmarkEnvironment.start(work)) {
            if (options.runs("cold")) {
                new ColdStartBenchmark(environment, options.repetitions()).run(table);
            }
            if (options.runs("batch")) {
                new BatchConcurrencyBenchmark(environment, options.repetitions()).run(table);
            }
            if (options.runs("warm")) {
                new WarmOverheadBenchmark(environment, Math.max(20, options.repetitions() * 4)).run(table);
            }
            if (options.runs("memory")) {
                new MemoryBenchmark(environment, options.memoryBatches())
                        .run(table, environment.function.function().memoryMb());
            }
            if (options.runs("priming")) {
                new PrimingBenchmark(environment, options.repetitions()).run(table);
            }
            if (options.runs("cost")) {
                new CostBenchmark(environment, options.costBatches(), options.readinessSessions()).run(table);
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException unavailable) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

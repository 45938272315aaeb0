package dev.emrsessionstarter.harness.benchmark;

import dev.emrsessionstarter.harness.benchmark.BenchmarkEnvironment.Subject;
import dev.emrsessionstarter.harness.lambda.ExecutionEnvironment;
import dev.emrsessionstarter.harness.lambda.InvocationResult;
import dev.emrsessionstarter.harness.lambda.LambdaArchive;
import dev.emrsessionstarter.harness.lambda.ManagedJavaRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Cold start: from launching the JVM (runtime interface client, the template's {@code JAVA_TOOL_OPTIONS}, the
 * managed runtime's flags) to the Runtime API receiving the answer to the first SQS batch, for the function and the
 * baseline, launched alternately. Then one more launch of each with class-load logging, for the class counts and the
 * init phases (not timed with the others: logging slows the JVM down).
 */
final class ColdStartBenchmark {

    record ColdStart(long initNanos, long firstInvokeNanos, long totalNanos, long cpuMillis) {
    }

    private final BenchmarkEnvironment environment;
    private final int repetitions;

    ColdStartBenchmark(BenchmarkEnvironment environment, int repetitions) {
        this.environment = environment;
        this.repetitions = repetitions;
    }

    void run(ResultTable table) {
        measure(environment.function);
        measure(environment.baseline); // unrecorded: file caches and the emulators warmed for both
        List<ColdStart> function = new ArrayList<>();
        List<ColdStart> baseline = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            boolean functionFirst = i % 2 == 0;
            (functionFirst ? function : baseline).add(measure(functionFirst ? environment.function
                    : environment.baseline));
            (functionFirst ? baseline : function).add(measure(functionFirst ? environment.baseline
                    : environment.function));
            System.err.printf("cold start %d/%d: function %.0f ms, baseline %.0f ms%n", i + 1, repetitions,
                    Stats.millis(function.get(i).totalNanos()), Stats.millis(baseline.get(i).totalNanos()));
        }
        table.section("Cold start, SQS batch of 1 (median of " + repetitions + " launches each, alternating)");
        table.ratio("JVM launch → first batch answered", median(function, ColdStart::totalNanos),
                median(baseline, ColdStart::totalNanos), " ms", 1.2);
        table.ratio("… init (launch → first `/next`)", median(function, ColdStart::initNanos),
                median(baseline, ColdStart::initNanos), " ms", Double.NaN);
        table.ratio("… first invocation (`/next` → `/response`)", median(function, ColdStart::firstInvokeNanos),
                median(baseline, ColdStart::firstInvokeNanos), " ms", Double.NaN);
        table.ratio("CPU time to the first answer (all threads; robust to load)",
                Stats.median(function.stream().map(ColdStart::cpuMillis).toList()),
                Stats.median(baseline.stream().map(ColdStart::cpuMillis).toList()), " ms", Double.NaN);

        Profile functionProfile = profile(environment.function);
        Profile baselineProfile = profile(environment.baseline);
        table.row("classes loaded, to the first answer", Integer.toString(functionProfile.log.count()),
                Integer.toString(baselineProfile.log.count()),
                String.format("%.2f", functionProfile.log.count() / (double) baselineProfile.log.count()), "");
        table.row("… of them at init (before the first `/next`)", Integer.toString(functionProfile.initClasses()),
                Integer.toString(baselineProfile.initClasses()), "", "");
        table.row("deployment package", mib(TaskRoots.sizeOf(LambdaArchive.path())), "", "", "");
        for (Library library : Library.values()) {
            table.row("… classes from " + library.label, Integer.toString(library.count(functionProfile.log)),
                    Integer.toString(library.count(baselineProfile.log)), "", "");
        }
        functionProfile.phases(table);
    }

    /** The median of the launches it was measured for. */
    static double median(List<ColdStart> runs, java.util.function.ToLongFunction<ColdStart> measure) {
        return Stats.median(runs.stream().map(run -> Stats.millis(measure.applyAsLong(run))).toList());
    }

    private ColdStart measure(Subject subject) {
        try (ExecutionEnvironment runtime = environment.start(subject, builder -> { })) {
            InvocationResult.Response response = BenchmarkEnvironment.handleBatch(runtime, 1);
            long launched = runtime.process().launchedNanos();
            long ready = runtime.api().firstNext().join();
            return new ColdStart(ready - launched, response.answeredNanos() - response.deliveredNanos(),
                    response.answeredNanos() - launched, runtime.process().cpuTimeMillis());
        }
    }

    private Profile profile(Subject subject) {
        Path log = environment.work.resolve(subject.name() + "-class-load.log");
        long ready;
        try (ExecutionEnvironment runtime = environment.start(subject,
                builder -> builder.jvmOption(ClassLoadLog.option(log)))) {
            BenchmarkEnvironment.handleBatch(runtime, 1);
            ready = runtime.api().firstNext().join() - runtime.process().launchedNanos();
        }
        return new Profile(ClassLoadLog.read(log), ready); // read once the JVM has exited: the log is complete
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** Where loaded classes come from, by package: what the function loads that the baseline does not. */
    private enum Library {
        LOG4J("Log4j and SLF4J", "org.apache.logging.", "org.slf4j."),
        JACKSON("Jackson (the function's)", "com.fasterxml.jackson."),
        POWERTOOLS("Powertools and embedded metrics", "software.amazon.lambda.powertools.",
                "software.amazon.cloudwatchlogs."),
        EVENT_SERIALIZATION("the runtime's event deserializer", "com.amazonaws.lambda.thirdparty.",
                "com.amazonaws.services.lambda.runtime.serialization."),
        AWS_SDK("the AWS SDK and the generated client", "software.amazon.awssdk.",
                "dev.emrsessionstarter.internal."),
        FUNCTION("the function itself", "dev.emrsessionstarter.core.", "dev.emrsessionstarter.adapter.",
                "dev.emrsessionstarter.entrypoint."),
        JDK("the JDK", "java.", "javax.", "jdk.", "sun.", "com.sun.");

        private final String label;
        private final String[] prefixes;

        Library(String label, String... prefixes) {
            this.label = label;
            this.prefixes = prefixes;
        }

        int count(ClassLoadLog log) {
            int count = 0;
            for (String prefix : prefixes) {
                count += log.countWithPrefix(prefix);
            }
            return count;
        }
    }

    /** One launch with class-load logging: counts, and when each init phase began. */
    private record Profile(ClassLoadLog log, long readyNanos) {

        int initClasses() {
            return log.countBefore(readyNanos);
        }

        void phases(ResultTable table) {
            table.section("Function init phases (one launch with class-load logging; JVM uptime when each began)");
            phase(table, "runtime interface client started", ManagedJavaRuntime.MAIN_CLASS);
            phase(table, "handler class loaded", "dev.emrsessionstarter.entrypoint.");
            phase(table, "settings read, SDK clients being built", "dev.emrsessionstarter.wiring.AwsClients");
            phase(table, "SDK clients built, core assembled", "dev.emrsessionstarter.adapter.");
            phase(table, "Powertools metrics", "dev.emrsessionstarter.entrypoint.InvocationMetrics");
            table.row("handler ready (first `/next`, from launch)", ResultTable.format(Stats.millis(readyNanos))
                    + " ms", "", "", "");
            table.row("classes loaded at init / during the first invocation", initClasses() + " / "
                    + (log.count() - initClasses()), "", "", "");
        }

        private void phase(ResultTable table, String label, String firstClass) {
            OptionalLong at = log.firstLoad(firstClass);
            table.row(label, at.isPresent() ? ResultTable.format(Stats.millis(at.getAsLong())) + " ms" : "n/a", "",
                    "", "");
        }
    }
}

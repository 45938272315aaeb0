package dev.emrsessionstarter.harness.benchmark;

import dev.emrsessionstarter.harness.benchmark.BenchmarkEnvironment.Subject;
import dev.emrsessionstarter.harness.lambda.ExecutionEnvironment;
import dev.emrsessionstarter.harness.lambda.InvocationResult;
import dev.emrsessionstarter.harness.lambda.LambdaArchive;
import dev.emrsessionstarter.harness.lambda.ManagedJavaRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Cold start: from launching the JVM (runtime interface client, the template's {@code JAVA_TOOL_OPTIONS}, the
 * managed runtime's flags) to the Runtime API receiving the answer to the first SQS batch, for the function, the
 * Powertools peer and the bare baseline, launched in rotation. Then one more launch of each with class-load logging, for the class counts and the
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
        List<Subject> subjects = List.of(environment.function, environment.peer, environment.baseline);
        Map<Subject, List<ColdStart>> runs = new LinkedHashMap<>();
        for (Subject subject : subjects) {
            measure(subject); // unrecorded: file caches and the emulators warmed for all
            runs.put(subject, new ArrayList<>());
        }
        for (int i = 0; i < repetitions; i++) {
            for (int turn = 0; turn < subjects.size(); turn++) { // each subject first, second and last in turn
                Subject subject = subjects.get((i + turn) % subjects.size());
                runs.get(subject).add(measure(subject));
            }
            int launch = i;
            System.err.printf("cold start %d/%d: %s%n", i + 1, repetitions, subjects.stream()
                    .map(subject -> String.format("%s %.0f ms", subject.name(),
                            Stats.millis(runs.get(subject).get(launch).totalNanos())))
                    .collect(Collectors.joining(", ")));
        }
        List<ColdStart> function = runs.get(environment.function);
        List<ColdStart> peer = runs.get(environment.peer);
        List<ColdStart> baseline = runs.get(environment.baseline);
        String launches = "median of " + repetitions + " launches each, in rotation";
        table.section("Cold start, SQS batch of 1: function against the Powertools peer (" + launches + ")");
        compare(table, function, peer, 0.85);
        table.section("Cold start, SQS batch of 1: function against the bare baseline (same launches)");
        compare(table, function, baseline, 1.2);

        Profile functionProfile = profile(environment.function);
        Profile peerProfile = profile(environment.peer);
        Profile baselineProfile = profile(environment.baseline);
        table.section("Classes loaded to the first answer (one launch each with class-load logging): function, "
                + "peer / baseline");
        table.row("classes loaded, to the first answer", Integer.toString(functionProfile.log.count()),
                peerProfile.log.count() + " / " + baselineProfile.log.count(),
                String.format("%.2f / %.2f", functionProfile.log.count() / (double) peerProfile.log.count(),
                        functionProfile.log.count() / (double) baselineProfile.log.count()), "");
        table.row("… of them at init (before the first `/next`)", Integer.toString(functionProfile.initClasses()),
                peerProfile.initClasses() + " / " + baselineProfile.initClasses(), "", "");
        table.row("deployment package", mib(TaskRoots.sizeOf(LambdaArchive.path())), "", "", "");
        for (Library library : Library.values()) {
            table.row("… classes from " + library.label, Integer.toString(library.count(functionProfile.log)),
                    library.count(peerProfile.log) + " / " + library.count(baselineProfile.log), "", "");
        }
        functionProfile.phases(table);
    }

    private static void compare(ResultTable table, List<ColdStart> function, List<ColdStart> other, double goal) {
        table.ratio("JVM launch → first batch answered", median(function, ColdStart::totalNanos),
                median(other, ColdStart::totalNanos), " ms", goal);
        table.ratio("… init (launch → first `/next`)", median(function, ColdStart::initNanos),
                median(other, ColdStart::initNanos), " ms", Double.NaN);
        table.ratio("… first invocation (`/next` → `/response`)", median(function, ColdStart::firstInvokeNanos),
                median(other, ColdStart::firstInvokeNanos), " ms", Double.NaN);
        table.ratio("CPU time to the first answer (all threads; robust to load)",
                Stats.median(function.stream().map(ColdStart::cpuMillis).toList()),
                Stats.median(other.stream().map(ColdStart::cpuMillis).toList()), " ms", goal);
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

    /** Where loaded classes come from, by package: what the function loads that the others do not. */
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
                "dev.emrsessionstarter.entrypoint.", "dev.emrsessionstarter.wiring."),
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

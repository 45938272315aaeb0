package dev.emrsessionstarter.harness.benchmark;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.harness.lambda.LambdaFunction;
import dev.emrsessionstarter.harness.lambda.SamTemplate;
import dev.emrsessionstarter.harness.lambda.SqsEventSource;
import dev.emrsessionstarter.harness.sqs.SqsFunction;
import dev.emrsessionstarter.testing.EmulatedAws;
import dev.emrsessionstarter.testing.LocalSqs;
import dev.emrsessionstarter.testing.QueueSettings;
import dev.emrsessionstarter.testing.SqsQueue;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Throughput to the ceiling: the SQS function fed by a full queue through the event source mapping, with
 * {@code template.yaml}'s mapping (batch size, batching window, maximum concurrency) and function settings, 200 ms
 * added to every StartSession. The function runs in this JVM, one instance per execution environment
 * ({@link InJvmSqsFunction}): ten runtime processes would not fit on a small machine next to the emulators without
 * measuring the machine instead. Each concurrency level gets its own full queue; sessions are counted at the EMR
 * Serverless emulator over a window that leaves out the ramp-up (cold starts, the JIT), and compared with the
 * {@link Ceiling}, whose time per batch is measured with one environment alone. Then the harness alone: the same
 * pollers with a handler that does nothing, to show how much of each cycle is the harness's.
 */
final class ThroughputBenchmark {

    static final Duration RAMP_UP = Duration.ofSeconds(5);
    static final double GOAL = 0.90;
    /** The harness alone must go this many times faster than the ceiling: its share of a cycle is then ≤ 1/11. */
    static final double HARNESS_FACTOR_GOAL = 10;
    private static final Duration TAIL = Duration.ofSeconds(1);
    private static final int ALONE_WARM_UP = 20;
    private static final int ALONE_BATCHES = 20;
    private static final int HARNESS_MESSAGES = 20_000;
    /** Long enough that a message handed back stays away for the rest of the run: it is counted, not redone. */
    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(180);

    private final Duration window;

    ThroughputBenchmark(Duration window) {
        this.window = window;
    }

    void run(ResultTable table) {
        SamTemplate template = BenchmarkEnvironment.template();
        LambdaFunction function = template.function(BenchmarkEnvironment.SQS_FUNCTION);
        SqsEventSource source = template.sqsEventSource(BenchmarkEnvironment.SQS_FUNCTION);
        PrintStream out = System.out;
        try (EmulatedAws aws = EmulatedAws.start();
             LocalSqs sqs = LocalSqs.start();
             PrintStream discard = new PrintStream(OutputStream.nullOutputStream())) {
            // The functions log and emit their metrics on standard output: thousands of lines a second here.
            System.setOut(discard);
            aws.emr().addApplication(Application.builder().id(EmulatedAws.APPLICATION_ID).name("sessions")
                    .maxConcurrentSessions(Integer.MAX_VALUE).build());
            aws.emr().faults(EmrOperation.START_SESSION).latency(BatchConcurrencyBenchmark.START_SESSION_LATENCY);
            Supplier<SqsFunction> coldStart = () -> InJvmSqsFunction.coldStart(function, aws);

            List<Double> alone = timesPerBatchAlone(sqs, coldStart, source.batchSize());
            double secondsPerBatch = Stats.median(alone) / 1000;
            Ceiling ceiling = new Ceiling(source.maximumConcurrency(), source.batchSize(), secondsPerBatch);
            table.section(String.format("Throughput to the ceiling: the SQS function in this JVM, one instance per "
                    + "execution environment, fed by a full queue (ElasticMQ) through the event source mapping as "
                    + "template.yaml sets it (batch size %d, batching window %d s, maximum concurrency %d, "
                    + "StartSession concurrency %s), %d ms added to every StartSession, readiness watch off; "
                    + "%d s measured after %d s of ramp-up", source.batchSize(),
                    source.maximumBatchingWindowSeconds(), source.maximumConcurrency(),
                    function.environment().get("START_SESSION_CONCURRENCY"),
                    BatchConcurrencyBenchmark.START_SESSION_LATENCY.toMillis(), window.toSeconds(),
                    RAMP_UP.toSeconds()));
            table.row("time per batch of " + source.batchSize() + ", one environment alone (median of "
                    + ALONE_BATCHES + " after " + ALONE_WARM_UP + "): ceiling = concurrency × "
                    + source.batchSize() + " / this", ResultTable.format(secondsPerBatch * 1000) + " ms",
                    "", "", "");
            for (int concurrency : List.of(source.maximumConcurrency(), 2 * source.maximumConcurrency())) {
                sustain(table, aws, sqs, coldStart, ceiling.withConcurrency(concurrency));
            }
            harnessAlone(table, sqs, ceiling.withConcurrency(2 * source.maximumConcurrency()));
        } finally {
            System.setOut(out);
        }
    }

    /** The function's time for a full batch, one environment polling alone. */
    private static List<Double> timesPerBatchAlone(LocalSqs sqs, Supplier<SqsFunction> coldStart, int batchSize) {
        System.err.println("throughput: time per batch, one environment alone");
        SqsQueue queue = queue(sqs, "throughput-alone");
        QueueFiller.fill(queue, (ALONE_WARM_UP + ALONE_BATCHES) * batchSize, "alone");
        List<ConcurrentPollers.Invocation> invocations =
                new ConcurrentPollers(queue, 1, batchSize).drain(coldStart).invocations();
        return invocations.stream().skip(ALONE_WARM_UP).filter(invocation -> invocation.messages() == batchSize)
                .map(ConcurrentPollers.Invocation::millis).toList();
    }

    private void sustain(ResultTable table, EmulatedAws aws, LocalSqs sqs, Supplier<SqsFunction> coldStart,
            Ceiling ceiling) {
        int concurrency = ceiling.concurrency();
        SqsQueue queue = queue(sqs, "throughput-" + concurrency);
        Duration length = RAMP_UP.plus(window).plus(TAIL);
        // A quarter more than the ceiling could take: the queue never runs dry while measured.
        int messages = (int) Math.ceil(ceiling.sessionsPerSecond() * length.toMillis() / 1000.0 * 1.25);
        System.err.printf("throughput: concurrency %d, filling the queue with %d requests%n", concurrency, messages);
        QueueFiller.fill(queue, messages, "throughput-" + concurrency);
        System.err.printf("throughput: concurrency %d, %d s%n", concurrency, length.toSeconds());
        ConcurrentPollers.Run run = new ConcurrentPollers(queue, concurrency, ceiling.batchSize())
                .runFor(coldStart, length, RAMP_UP, RAMP_UP.plus(window));

        Instant from = run.startedAt().plus(RAMP_UP);
        Instant to = from.plus(window);
        long sessions = aws.emr().sessions(EmulatedAws.APPLICATION_ID).stream()
                .filter(session -> !session.createdAt().isBefore(from) && session.createdAt().isBefore(to)).count();
        double perSecond = sessions / (window.toMillis() / 1000.0);

        long windowFrom = run.startNanos() + RAMP_UP.toNanos();
        long windowTo = windowFrom + window.toNanos();
        List<ConcurrentPollers.Invocation> measured = run.invocations().stream()
                .filter(invocation -> invocation.startNanos() - windowFrom >= 0
                        && invocation.startNanos() - windowTo < 0).toList();
        List<Double> times = measured.stream().map(ConcurrentPollers.Invocation::millis).toList();
        List<Double> harness = measured.stream().map(ConcurrentPollers.Invocation::harnessMillis).toList();
        // The stricter ceiling of the two: a batch may run faster under load (the JIT has warmed up further) than
        // alone, and the ratio must not credit the function with that.
        Ceiling strict = ceiling.fasterBatch(Stats.median(times) / 1000);
        double ratio = strict.ratio(perSecond);
        boolean ranDry = run.messages() >= messages;
        table.row(String.format("concurrency %d: sessions started per second (EMR Serverless emulator) vs the "
                        + "ceiling (from the shorter of the two median times per batch)", concurrency),
                ResultTable.format(perSecond) + " /s",
                // Three decimals: a ratio just under the goal should not print as the goal.
                ResultTable.format(strict.sessionsPerSecond()) + " /s (ceiling)", String.format("%.3f", ratio),
                String.format("≥ %.2f: %s", GOAL, ratio >= GOAL && !ranDry ? "met" : "MISSED")
                        + (ranDry ? " (the queue ran dry)" : ""));
        table.row("… time per batch under load, median / p95", ResultTable.format(Stats.median(times)) + " / "
                + ResultTable.format(Stats.percentile(times, 95)) + " ms", "", "", "");
        table.row("… an environment waiting for the mapping between invocations (a batch, its event), median / p95",
                ResultTable.format(Stats.median(harness)) + " / " + ResultTable.format(Stats.percentile(harness, 95))
                        + " ms", "", "", "");
        table.row("… environments busy in the function (its time / concurrency × window)",
                String.format("%.0f%%", 100 * busy(run, windowFrom, windowTo) / concurrency), "", "", "");
        table.row("… CPU of this JVM over the window (functions, emulators, SQS server, pollers)",
                String.format("%.2f of %d cores", run.cpuCores(), Runtime.getRuntime().availableProcessors()),
                "", "", "");
        int deadLetters = queue.takeDeadLetters().size();
        table.row("… messages handed back for retry / moved to the dead-letter queue",
                run.handedBack() + " / " + deadLetters, "", "",
                "0: " + (run.handedBack() == 0 && deadLetters == 0 ? "met" : "MISSED"));
    }

    /** The pollers with a handler that does nothing (every message deleted): the harness's own rate. */
    private static void harnessAlone(ResultTable table, LocalSqs sqs, Ceiling ceiling) {
        SqsQueue queue = queue(sqs, "throughput-harness");
        System.err.printf("throughput: harness alone, filling the queue with %d messages%n", HARNESS_MESSAGES);
        QueueFiller.fill(queue, HARNESS_MESSAGES, "harness");
        ConcurrentPollers.Run run = new ConcurrentPollers(queue, ceiling.concurrency(), ceiling.batchSize())
                .drain(() -> (event, context) -> new SQSBatchResponse(List.of()));
        double perSecond = run.messages() / Stats.millis(run.endNanos() - run.startNanos()) * 1000;
        double factor = perSecond / ceiling.sessionsPerSecond();
        table.row(String.format("harness alone (a handler that does nothing), concurrency %d: messages per second",
                        ceiling.concurrency()), ResultTable.format(perSecond) + " /s",
                ResultTable.format(ceiling.sessionsPerSecond()) + " /s (ceiling)", String.format("%.1f", factor),
                String.format("≥ %.0f × ceiling: %s", HARNESS_FACTOR_GOAL,
                        factor >= HARNESS_FACTOR_GOAL ? "met" : "MISSED"));
        table.row("… CPU of this JVM meanwhile", String.format("%.2f of %d cores", run.cpuCores(),
                Runtime.getRuntime().availableProcessors()), "", "", "");
    }

    /** The function's time inside the window, summed over the environments. */
    private static double busy(ConcurrentPollers.Run run, long from, long to) {
        long busy = 0;
        for (ConcurrentPollers.Invocation invocation : run.invocations()) {
            long start = Math.max(invocation.startNanos(), from);
            long end = Math.min(invocation.endNanos(), to);
            busy += Math.max(0, end - start);
        }
        return busy / (double) (to - from);
    }

    private static SqsQueue queue(LocalSqs sqs, String name) {
        return sqs.createQueue(QueueSettings.standard(name).visibilityTimeout(VISIBILITY_TIMEOUT).maxReceiveCount(5));
    }
}

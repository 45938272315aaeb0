package dev.emrsessionstarter.harness.benchmark;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.emrsessionstarter.testing.LocalSqs;
import dev.emrsessionstarter.testing.QueueSettings;
import dev.emrsessionstarter.testing.SqsQueue;
import java.time.Duration;
import java.util.List;

/**
 * Cost per 1,000 requests, from measured durations and counted calls, at published us-east-1 prices ({@link Prices}):
 *
 * <ul>
 *   <li>Lambda duration and invocations: {@link ArchiveDurations} (the archive, warm, 512 MB as the template sets);
 *   <li>the event source mapping's ReceiveMessage and DeleteMessageBatch calls and its invocations: 1,000 requests
 *       through the mapping against ElasticMQ, batches of 10 and of 1;
 *   <li>with the readiness watch: first checks, re-checks, watch invocations, GetSession calls and the watch's
 *       events from the readiness run on a manual clock (2-minute start-ups), the watch queue's receives and deletes
 *       as the mapping makes them (one each per watch invocation), the watch function's duration weighted by how many
 *       of its checks find a session not ready.
 * </ul>
 *
 * The designs compared: the function as deployed (batches of 10) without and with the watch, and the same function
 * given one request per invocation (batch size 1), without the watch.
 */
final class CostBenchmark {

    private static final int REQUESTS = 1000;

    private final BenchmarkEnvironment environment;
    private final int invocations;
    private final int readinessSessions;

    CostBenchmark(BenchmarkEnvironment environment, int invocations, int readinessSessions) {
        this.environment = environment;
        this.invocations = invocations;
        this.readinessSessions = readinessSessions;
    }

    /** The event source mapping's calls for {@link #REQUESTS} requests, the final empty receive included. */
    record MappingCalls(int receives, int deletes, int invocations) {
    }

    void run(ResultTable table) {
        System.err.println("cost: durations through the runtime interface client");
        ArchiveDurations.Measured measured = new ArchiveDurations(environment, invocations).measure();
        System.err.println("cost: event source mapping calls");
        MappingCalls ten = mappingCalls(10);
        MappingCalls one = mappingCalls(1);
        System.err.println("cost: the readiness watch's calls");
        ReadinessBenchmark.Run watch = new ReadinessBenchmark(readinessSessions, Duration.ofMinutes(2), 7)
                .run(ReadinessBenchmark.chosen(Duration.ofMinutes(2)), ReadinessBenchmark.FUNCTION);
        int memoryMb = environment.function.function().memoryMb();

        Usage batched = withoutWatch(measured.batchOf10(), ten, memoryMb);
        Usage single = withoutWatch(measured.batchOf1(), one, memoryMb);
        Usage watched = withWatch(measured, ten, watch, memoryMb);
        print(table, measured, watch, batched, watched, single, memoryMb);
    }

    private static Usage withoutWatch(ArchiveDurations.Kind kind, MappingCalls calls, int memoryMb) {
        double invocations = Usage.perThousand(calls.invocations(), REQUESTS);
        return new Usage(invocations, invocations * kind.meanMillis(), memoryMb,
                Usage.perThousand(calls.receives() + calls.deletes(), REQUESTS), 1000 * kind.putEventsPerRequest(),
                1000 * kind.entriesPerRequest(), 1000 * kind.startSessionsPerRequest(), 0);
    }

    private static Usage withWatch(ArchiveDurations.Measured measured, MappingCalls calls, ReadinessBenchmark.Run watch,
            int memoryMb) {
        int sessions = watch.sessions();
        double requestInvocations = Usage.perThousand(calls.invocations(), REQUESTS);
        double watchInvocations = Usage.perThousand(watch.watchInvocations(), sessions);
        // One check in so many finds its session ready (the last one of each session); the others schedule a re-check.
        double readyShare = sessions / (double) watch.getSessionCalls();
        double checkMillis = readyShare * measured.checksReady().meanMillis()
                + (1 - readyShare) * measured.checksNotReady().meanMillis();
        double sqs = Usage.perThousand(calls.receives() + calls.deletes(), REQUESTS)
                + Usage.perThousand(watch.checkSendCalls(), sessions) + 2 * watchInvocations;
        return new Usage(requestInvocations + watchInvocations,
                requestInvocations * measured.watchingBatchOf10().meanMillis() + watchInvocations * checkMillis,
                memoryMb, sqs, Usage.perThousand(watch.putEventsCalls(), sessions),
                Usage.perThousand(watch.eventEntries(), sessions),
                Usage.perThousand(watch.startSessionCalls(), sessions),
                Usage.perThousand(watch.getSessionCalls(), sessions));
    }

    /** 1,000 requests through the event source mapping with a handler that handles them all. */
    private static MappingCalls mappingCalls(int batchSize) {
        try (LocalSqs sqs = LocalSqs.start()) {
            SqsQueue queue = sqs.createQueue(QueueSettings.standard("cost-" + batchSize).maxReceiveCount(5));
            QueueFiller.fill(queue, REQUESTS, "cost");
            ConcurrentPollers.Run run = new ConcurrentPollers(queue, 1, batchSize)
                    .drain(() -> (event, context) -> new SQSBatchResponse(List.of()));
            if (run.messages() != REQUESTS) {
                throw new IllegalStateException("the mapping handled " + run.messages() + " of " + REQUESTS);
            }
            return new MappingCalls(run.receiveCalls(), run.deleteCalls(), run.invocations().size());
        }
    }

    private static void print(ResultTable table, ArchiveDurations.Measured measured, ReadinessBenchmark.Run watch,
            Usage batched, Usage watched, Usage single, int memoryMb) {
        Prices prices = Prices.US_EAST_1;
        table.section(String.format("Cost per 1,000 requests at us-east-1 prices (function: batches of 10, without "
                + "/ with the readiness watch; baseline: the same function given one request per invocation, "
                + "without the watch). Durations: the archive, warm, %d MB, %d ms added to every StartSession and "
                + "GetSession, mean of %d invocations of each kind; calls counted at the emulators and the event "
                + "source mapping; the watch's from the readiness run (%d sessions, 2-minute start-ups)", memoryMb,
                ArchiveDurations.CALL_LATENCY.toMillis(), measured.batchOf10().billedMillis().size(),
                watch.sessions()));
        table.row("billed duration per invocation, mean: request function (watch on); watch function, 10 checks "
                        + "(not ready / ready)", String.format("%s ms (%s ms); %s / %s ms",
                        ResultTable.format(measured.batchOf10().meanMillis()),
                        ResultTable.format(measured.watchingBatchOf10().meanMillis()),
                        ResultTable.format(measured.checksNotReady().meanMillis()),
                        ResultTable.format(measured.checksReady().meanMillis())),
                ResultTable.format(measured.batchOf1().meanMillis()) + " ms", "", "");
        row(table, "Lambda invocations", batched.invocations(), watched.invocations(), single.invocations(), "%.0f");
        row(table, "Lambda GB-s (" + memoryMb + " MB)", batched.gbSeconds(), watched.gbSeconds(), single.gbSeconds(),
                "%.2f");
        row(table, "SQS requests (mapping: receives, deletes; watch: checks sent, watch queue receives and deletes)",
                batched.sqsRequests(), watched.sqsRequests(), single.sqsRequests(), "%.0f");
        row(table, "EventBridge PutEvents calls", batched.putEventsCalls(), watched.putEventsCalls(),
                single.putEventsCalls(), "%.0f");
        row(table, "EventBridge entries (billed events)", batched.eventEntries(), watched.eventEntries(),
                single.eventEntries(), "%.0f");
        row(table, "EMR Serverless StartSession calls (no charge)", batched.startSessionCalls(),
                watched.startSessionCalls(), single.startSessionCalls(), "%.0f");
        row(table, "EMR Serverless GetSession calls (no charge)", batched.getSessionCalls(),
                watched.getSessionCalls(), single.getSessionCalls(), "%.0f");
        row(table, "$ Lambda (duration + requests)", batched.lambdaDollars(prices), watched.lambdaDollars(prices),
                single.lambdaDollars(prices), "%.6f");
        row(table, "$ SQS", batched.sqsDollars(prices), watched.sqsDollars(prices), single.sqsDollars(prices),
                "%.6f");
        row(table, "$ EventBridge", batched.eventDollars(prices), watched.eventDollars(prices),
                single.eventDollars(prices), "%.6f");
        double ratio = batched.dollars(prices) / single.dollars(prices);
        table.row("$ per 1,000 requests", String.format("%.6f / %.6f", batched.dollars(prices),
                        watched.dollars(prices)), String.format("%.6f", single.dollars(prices)),
                String.format("%.2f", ratio),
                "batches of 10 cost less than one per invocation: " + (ratio < 1 ? "met" : "MISSED"));
        table.row("$ per million requests", String.format("%.2f / %.2f", 1000 * batched.dollars(prices),
                1000 * watched.dollars(prices)), String.format("%.2f", 1000 * single.dollars(prices)), "", "");
    }

    private static void row(ResultTable table, String measure, double batched, double watched, double single,
            String format) {
        table.row(measure, String.format(format + " / " + format, batched, watched), String.format(format, single),
                single == 0 ? "" : String.format("%.2f", batched / single), "");
    }
}

package dev.emrsessionstarter.harness.benchmark;

import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.harness.lambda.ExecutionEnvironment;
import dev.emrsessionstarter.harness.lambda.InvocationResult;
import dev.emrsessionstarter.testing.EmulatedAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What Lambda would bill for each kind of invocation: the packaged archive booted through the runtime interface
 * client, warm, every invocation's {@code /next → /response} rounded up to the millisecond, with 200 ms added to every
 * StartSession and GetSession. Also what each request costs in calls the emulators count (StartSession, PutEvents).
 */
final class ArchiveDurations {

    /** Billed milliseconds of the measured invocations of one kind, and the calls they made per request. */
    record Kind(List<Long> billedMillis, double startSessionsPerRequest, double putEventsPerRequest,
            double entriesPerRequest) {
        double meanMillis() {
            return billedMillis.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
        }
    }

    /**
     * @param batchOf10 the request function, watch off, batches of 10
     * @param batchOf1 the request function, watch off, one request per invocation
     * @param watchingBatchOf10 the request function, watch on (it also sends the first checks), batches of 10
     * @param checksNotReady the watch function, 10 checks of sessions still starting (10 GetSession, 1
     *     SendMessageBatch of re-checks)
     * @param checksReady the watch function, 10 checks of sessions found ready (10 GetSession, 1 PutEvents)
     */
    record Measured(Kind batchOf10, Kind batchOf1, Kind watchingBatchOf10, Kind checksNotReady, Kind checksReady) {
    }

    static final Duration CALL_LATENCY = BatchConcurrencyBenchmark.START_SESSION_LATENCY;
    private static final int WARM_UP = 5;

    private final BenchmarkEnvironment environment;
    private final int invocations;

    ArchiveDurations(BenchmarkEnvironment environment, int invocations) {
        this.environment = environment;
        this.invocations = invocations;
    }

    Measured measure() {
        EmulatedAws aws = environment.aws;
        String watchQueueUrl = aws.watchQueue().url();
        String watchQueueArn = aws.watchQueue().arn();
        // Checks of sessions the emulator holds, made before any latency is added.
        List<String> notReady = WatchChecks.forNewSessions(aws, 10, WatchChecks.notReadyForAnHour(), watchQueueUrl);
        List<String> ready = WatchChecks.forNewSessions(aws, 10, WatchChecks.readyAtOnce(), watchQueueUrl);
        BenchmarkEnvironment.Subject watching = new BenchmarkEnvironment.Subject("function, watch on",
                BenchmarkEnvironment.template(true, watchQueueUrl).function(BenchmarkEnvironment.SQS_FUNCTION),
                environment.function.taskRoot());
        BenchmarkEnvironment.Subject checks = new BenchmarkEnvironment.Subject("readiness checks",
                BenchmarkEnvironment.template(true, watchQueueUrl).function("ReadinessCheckFunction"),
                environment.function.taskRoot());
        try (ExecutionEnvironment requests = environment.start(environment.function, builder -> { });
             ExecutionEnvironment watchingRequests = environment.start(watching, builder -> { });
             ExecutionEnvironment watch = environment.start(checks, builder -> { })) {
            for (int i = 0; i < WARM_UP; i++) {
                BenchmarkEnvironment.handleBatch(requests, 10);
                BenchmarkEnvironment.handleBatch(watchingRequests, 10);
                BenchmarkEnvironment.handle(watch, SqsBatches.of(notReady, watchQueueArn));
                BenchmarkEnvironment.handle(watch, SqsBatches.of(ready, watchQueueArn));
            }
            aws.emr().faults(EmrOperation.START_SESSION).latency(CALL_LATENCY);
            aws.emr().faults(EmrOperation.GET_SESSION).latency(CALL_LATENCY);
            List<Measuring> kinds = List.of(
                    new Measuring(requests, 10, () -> SqsBatches.of(10)),
                    new Measuring(requests, 1, () -> SqsBatches.of(1)),
                    new Measuring(watchingRequests, 10, () -> SqsBatches.of(10)),
                    new Measuring(watch, 10, () -> SqsBatches.of(notReady, watchQueueArn)),
                    new Measuring(watch, 10, () -> SqsBatches.of(ready, watchQueueArn)));
            // Round robin, so a slow moment of the machine touches every kind alike.
            for (int i = 0; i < invocations; i++) {
                kinds.forEach(this::invokeOnce);
            }
            return new Measured(kinds.get(0).kind(), kinds.get(1).kind(), kinds.get(2).kind(), kinds.get(3).kind(),
                    kinds.get(4).kind());
        } finally {
            aws.emr().faults(EmrOperation.START_SESSION).latency(Duration.ZERO);
            aws.emr().faults(EmrOperation.GET_SESSION).latency(Duration.ZERO);
        }
    }

    private void invokeOnce(Measuring kind) {
        EmulatedAws aws = environment.aws;
        int starts = aws.emr().requestCount(EmrOperation.START_SESSION);
        int putEvents = aws.events().putEventsCalls();
        int entries = aws.events().entriesReceived();
        InvocationResult.Response response = BenchmarkEnvironment.handle(kind.runtime, kind.event.get());
        kind.billed.add(Usage.billedMillis(response.durationNanos()));
        kind.starts += aws.emr().requestCount(EmrOperation.START_SESSION) - starts;
        kind.putEvents += aws.events().putEventsCalls() - putEvents;
        kind.entries += aws.events().entriesReceived() - entries;
    }

    /** One kind of invocation being measured. */
    private static final class Measuring {
        final ExecutionEnvironment runtime;
        final int requests;
        final Supplier<byte[]> event;
        final List<Long> billed = new ArrayList<>();
        int starts;
        int putEvents;
        int entries;

        Measuring(ExecutionEnvironment runtime, int requests, Supplier<byte[]> event) {
            this.runtime = runtime;
            this.requests = requests;
            this.event = event;
        }

        Kind kind() {
            double handled = billed.size() * (double) requests;
            return new Kind(List.copyOf(billed), starts / handled, putEvents / handled, entries / handled);
        }
    }
}

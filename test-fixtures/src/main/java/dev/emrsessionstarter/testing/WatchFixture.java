package dev.emrsessionstarter.testing;

import dev.emrsessionstarter.entrypoint.EventBridgeSessionRequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.contract.ContractSchemas;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.emulator.time.ManualClock;
import dev.emrsessionstarter.entrypoint.DirectSessionRequestHandler;
import dev.emrsessionstarter.entrypoint.ReadinessCheckHandler;
import dev.emrsessionstarter.entrypoint.SqsSessionRequestHandler;
import dev.emrsessionstarter.wiring.FunctionComponents;
import dev.emrsessionstarter.wiring.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The function with its readiness watch on, against the emulators, all on one manual clock. The watch queue is played
 * in memory: a scheduled check waits its delay on the clock, then goes to the watch function, so a session's whole
 * start-up runs in milliseconds and every delay the function chose can be read back.
 */
public final class WatchFixture implements AutoCloseable {

    public static final String WATCH_QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/watch";

    private final ManualClock clock = ManualClock.startingAt("2026-12-01T10:00:00Z");
    private final EmulatedAws aws = EmulatedAws.start(clock);
    private final Settings settings;
    private final FunctionComponents components;
    private final List<ScheduledCheck> waiting = new ArrayList<>();
    private final List<ScheduledCheck> scheduled = new ArrayList<>();
    private final AtomicInteger checkMessages = new AtomicInteger();
    private boolean queueRefuses;

    private WatchFixture(TestSettings settings) {
        this.settings = settings.with(Settings.WATCH_QUEUE_URL, WATCH_QUEUE_URL)
                .with(Settings.EVENT_BUS_NAME, EmulatedAws.EVENT_BUS).build();
        Ports real = Ports.of(aws.clients(), this.settings);
        Ports ports = new Ports(real.starter(), real.publisher(), this::schedule, real.sessions(), real.tasks());
        this.components = FunctionComponents.assemble(this.settings, ports, EmulatedAws.fastTiming(clock));
    }

    /** The sample settings with the watch on (and its default timings). */
    /** The watch of start-ups only: a session's watch ends at Ready, Failed or Not Ready. */
    public static TestSettings watching() {
        return TestSettings.sample().with(Settings.READINESS_WATCH, "true").with(Settings.FOLLOW_TO_END, "false");
    }

    /** The watch as deployed by default: after its start-up, each session is followed until it ends. */
    public static TestSettings followingToEnd() {
        return TestSettings.sample().with(Settings.READINESS_WATCH, "true").with(Settings.FOLLOW_TO_END, "true");
    }

    public static WatchFixture start() {
        return new WatchFixture(watching());
    }

    public static WatchFixture start(TestSettings settings) {
        return new WatchFixture(settings);
    }

    public ManualClock clock() {
        return clock;
    }

    public EmulatedAws aws() {
        return aws;
    }

    public SqsSessionRequestHandler sqsHandler() {
        return new SqsSessionRequestHandler(components, FunctionFixture.powertoolsMetrics());
    }

    public DirectSessionRequestHandler directHandler() {
        return new DirectSessionRequestHandler(components, FunctionFixture.powertoolsMetrics());
    }

    public EventBridgeSessionRequestHandler eventBridgeHandler() {
        return new EventBridgeSessionRequestHandler(components, FunctionFixture.powertoolsMetrics());
    }

    public ReadinessCheckHandler watchHandler() {
        return new ReadinessCheckHandler(components, FunctionFixture.powertoolsMetrics());
    }

    /** Every check the function ever scheduled, in order. */
    public synchronized List<ScheduledCheck> scheduled() {
        return List.copyOf(scheduled);
    }

    /** From now on the watch queue refuses every message (SendMessageBatch fails each entry). */
    public synchronized void queueRefuses() {
        queueRefuses = true;
    }

    public synchronized boolean hasWaitingCheck() {
        return !waiting.isEmpty();
    }

    /**
     * The first check waiting: its delay passes on the clock, then the watch function gets it, as SQS would deliver
     * it. A check the function hands back is redelivered later, as SQS does after the visibility timeout.
     */
    public SQSBatchResponse deliverNextCheck() {
        ScheduledCheck check;
        synchronized (this) {
            check = waiting.remove(0);
        }
        clock.advance(check.delay());
        SQSBatchResponse response = watchHandler().handleRequest(
                SqsEvents.batch(SqsEvents.message("check-" + checkMessages.incrementAndGet(), check.body())),
                LocalContext.fresh());
        if (!response.getBatchItemFailures().isEmpty()) {
            synchronized (this) {
                waiting.add(new ScheduledCheck(check.body(), Duration.ofSeconds(30)));
            }
        }
        return response;
    }

    /** The watch function on a check the test wrote. */
    public SQSBatchResponse deliverCheck(String body) {
        return watchHandler().handleRequest(
                SqsEvents.batch(SqsEvents.message("check-" + checkMessages.incrementAndGet(), body)),
                LocalContext.fresh());
    }

    /** Delivers checks until none waits; @return how many were delivered */
    public int deliverAllChecks(int atMost) {
        int delivered = 0;
        while (hasWaitingCheck()) {
            if (++delivered > atMost) {
                throw new AssertionError("the watch did not end within " + atMost + " checks");
            }
            deliverNextCheck();
        }
        return delivered;
    }

    public List<RecordedEvent> events() {
        return aws.events().events();
    }

    public List<JsonNode> details(String detailType) {
        return events().stream().filter(event -> event.detailType().equals(detailType)).map(RecordedEvent::detail)
                .toList();
    }

    private synchronized List<ServiceCall<String>> schedule(List<ScheduledCheck> checks, Duration timeout) {
        if (queueRefuses) {
            return checks.stream().<ServiceCall<String>>map(check -> ServiceCall.Failed.of("ServiceUnavailable",
                    "the queue is unavailable", true)).toList();
        }
        waiting.addAll(checks);
        scheduled.addAll(checks);
        return checks.stream().<ServiceCall<String>>map(check -> new ServiceCall.Answered<>("m" + scheduled.size()))
                .toList();
    }

    /** Closes the emulators, after checking that every outcome event published matches the published schema. */
    @Override
    public void close() {
        try {
            ContractSchemas.assertOutcomesValid(events());
        } finally {
            aws.close();
        }
    }
}

package dev.emrsessionstarter.testing.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.core.SessionRequestProcessor;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.core.reading.JsonBodies;
import dev.emrsessionstarter.core.reading.ReadRequest;
import dev.emrsessionstarter.core.reading.RequestReader;
import dev.emrsessionstarter.core.reading.RequestValidator;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.core.reporting.OutcomeReporting;
import dev.emrsessionstarter.core.retry.BatchSender;
import dev.emrsessionstarter.core.retry.Deadline;
import dev.emrsessionstarter.core.retry.RetryPolicy;
import dev.emrsessionstarter.core.retry.ServiceRetries;
import dev.emrsessionstarter.core.starting.ApplicationCheck;
import dev.emrsessionstarter.core.starting.SessionStartAttempts;
import dev.emrsessionstarter.core.starting.SessionTerminations;
import dev.emrsessionstarter.core.watching.ReadinessCheckJson;
import dev.emrsessionstarter.core.watching.TaskCompletion;
import dev.emrsessionstarter.core.watching.WatchHandoff;
import dev.emrsessionstarter.testing.TestPorts;
import dev.emrsessionstarter.testing.TestSettings;
import dev.emrsessionstarter.wiring.Ports;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

/**
 * The core as the wiring assembles it (reader, start attempts, reporting, batch publisher, processor), around the
 * in-memory fakes: a scripted starter and publisher, a manual clock and a recording sleeper that moves it, and a
 * same-thread executor. The one place tests of the core build it, so a changed constructor is fixed here alone.
 *
 * <p>By default the production retry policies, the sample deployment's settings, and a jitter of 1 (every backoff
 * waits its full ceiling, so waits are exact).
 */
public final class CoreUnderTest {

    /** Enough time for anything a test does, unless it is about deadlines. */
    public static final Duration AMPLE_TIME = Duration.ofMinutes(5);

    private final ManualNanoClock clock;
    private final RecordingSleeper sleeper;
    private final ScriptedSessionStarter starter;
    private final ScriptedOutcomePublisher publisher;
    private final RequestReader reader;
    private final SessionStartAttempts starts;
    private final OutcomeEvents events;
    private final BatchSender<OutcomeEvent> batchSender;
    private final OutcomeReporting reporting;
    private final SessionRequestProcessor processor;

    private CoreUnderTest(Builder builder) {
        this.clock = builder.clock;
        this.sleeper = new RecordingSleeper(clock);
        this.starter = builder.starter != null ? builder.starter : new ScriptedSessionStarter(clock);
        this.publisher = builder.publisher != null ? builder.publisher : new ScriptedOutcomePublisher(clock);
        Settings settings = builder.settings.build();
        ObjectMapper mapper = JsonBodies.strictMapper(settings.maxRequestBytes());
        this.reader = new RequestReader(new JsonBodies(settings.maxRequestBytes()),
                new RequestValidator(settings.requestPolicy()));
        this.starts = new SessionStartAttempts(starter, new ApplicationCheck(TestPorts.of(starter, publisher)
                .applications(), new ServiceRetries(builder.publishPolicy, sleeper, builder.jitter)), false,
                builder.startPolicy, sleeper, builder.jitter);
        this.events = new OutcomeEvents(mapper);
        this.batchSender = new BatchSender<>(publisher, builder.publishPolicy, sleeper, builder.jitter);
        this.reporting = new OutcomeReporting(events, batchSender);
        // The readiness hand-off as the sample settings have it: off, and no request here carries a task token.
        Ports unused = TestPorts.of(starter, publisher);
        WatchHandoff handoff = new WatchHandoff(settings.readinessWatch(), settings.watchPolicy(),
                new BatchSender<>(unused.checks(), builder.publishPolicy, sleeper, builder.jitter),
                new ReadinessCheckJson(mapper), new TaskCompletion(unused.tasks(),
                        new ServiceRetries(builder.publishPolicy, sleeper, builder.jitter), mapper),
                Clock.systemUTC());
        this.processor = new SessionRequestProcessor(reader, starts,
                new SessionTerminations(unused.sessions(), new ServiceRetries(builder.publishPolicy, sleeper,
                        builder.jitter)), reporting, handoff, builder.executor);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The core with every default. */
    public static CoreUnderTest create() {
        return builder().build();
    }

    /** Processes one batch with {@code remaining} of the invocation left. */
    public List<RequestOutcome> process(Duration remaining, Delivery... deliveries) {
        return processor.process(List.of(deliveries), deadlineIn(remaining));
    }

    /** Processes one batch with {@link #AMPLE_TIME}. */
    public List<RequestOutcome> process(Delivery... deliveries) {
        return process(AMPLE_TIME, deliveries);
    }

    /** A delivery read as the processor reads it. */
    public ReadRequest read(Delivery delivery) {
        return reader.read(delivery);
    }

    public Deadline deadlineIn(Duration remaining) {
        return clock.deadlineIn(remaining);
    }

    public ManualNanoClock clock() {
        return clock;
    }

    public RecordingSleeper sleeper() {
        return sleeper;
    }

    public ScriptedSessionStarter starter() {
        return starter;
    }

    public ScriptedOutcomePublisher publisher() {
        return publisher;
    }

    public SessionStartAttempts starts() {
        return starts;
    }

    public OutcomeEvents events() {
        return events;
    }

    public BatchSender<OutcomeEvent> batchSender() {
        return batchSender;
    }

    public OutcomeReporting reporting() {
        return reporting;
    }

    public SessionRequestProcessor processor() {
        return processor;
    }

    public static final class Builder {
        private final ManualNanoClock clock = new ManualNanoClock();
        private TestSettings settings = TestSettings.sample();
        private RetryPolicy startPolicy = RetryPolicy.startSessionDefaults();
        private RetryPolicy publishPolicy = RetryPolicy.publishDefaults();
        private DoubleSupplier jitter = () -> 1.0;
        private Executor executor = Runnable::run;
        private ScriptedSessionStarter starter;
        private ScriptedOutcomePublisher publisher;

        private Builder() {
        }

        public Builder settings(TestSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder startPolicy(RetryPolicy startPolicy) {
            this.startPolicy = startPolicy;
            return this;
        }

        public Builder publishPolicy(RetryPolicy publishPolicy) {
            this.publishPolicy = publishPolicy;
            return this;
        }

        /** The uniform draw of full-jitter backoff, in [0, 1]. */
        public Builder jitter(double jitter) {
            this.jitter = () -> jitter;
            return this;
        }

        /** Runs the lanes of a batch; the same thread by default. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** A starter of the test's own; by default a fresh one on the core's clock. */
        public Builder starter(ScriptedSessionStarter starter) {
            this.starter = starter;
            return this;
        }

        /** A publisher of the test's own; by default a fresh one on the core's clock. */
        public Builder publisher(ScriptedOutcomePublisher publisher) {
            this.publisher = publisher;
            return this;
        }

        /** The clock the core's fakes share; give it to a starter or publisher made before {@link #build}. */
        public ManualNanoClock clock() {
            return clock;
        }

        public CoreUnderTest build() {
            return new CoreUnderTest(this);
        }
    }
}

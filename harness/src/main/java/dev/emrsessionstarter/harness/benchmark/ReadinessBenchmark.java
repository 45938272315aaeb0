package dev.emrsessionstarter.harness.benchmark;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.emr.SessionView;
import dev.emrsessionstarter.emulator.emr.StartupOutcome;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.emulator.time.ManualClock;
import dev.emrsessionstarter.entrypoint.ReadinessCheckHandler;
import dev.emrsessionstarter.entrypoint.SqsSessionRequestHandler;
import dev.emrsessionstarter.testing.EmulatedAws;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.wiring.FunctionComponents;
import dev.emrsessionstarter.wiring.Ports;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/**
 * Readiness detection: how long after a session turns IDLE its Ready event goes out, and how many GetSession calls the
 * watch makes for it. The request and watch handlers run in this JVM against the emulators (real SDK clients over
 * HTTP), on one manual clock, with the watch queue played in memory ({@link ManualWatchQueue}): a start-up of minutes
 * runs in milliseconds, and the lag is exact. The function watches with the default backoff (10 s, doubling to 60
 * s); the baseline is the same watch checking every 10 s (first and longest check 10 s). Two sets of start-ups: a
 * chosen time (2 minutes by default) give or take 5 s, so the checks do not fall on the start-up by construction, and
 * a spread from 30 s to 5 minutes (log-uniform). The first check is scheduled by the request handler as the session
 * starts, as in production.
 */
final class ReadinessBenchmark {

    /** How long the sessions of one set take to turn IDLE. */
    record Startups(String name, Function<Random, Duration> draw) {
    }

    /** A watch configuration: its first and longest check interval, null for the function's defaults. */
    record Watcher(String name, Integer firstCheckSeconds, Integer maxCheckSeconds) {
    }

    /**
     * @param lag from the moment the session turned IDLE to its Ready event
     * @param reads GetSession reads of its watch (the Ready event's {@code checks})
     * @param interval the delay of the check that found it ready: the poll interval in force
     */
    record Detection(Duration startup, Duration lag, int reads, Duration interval) {
    }

    /**
     * One set of start-ups under one watcher, with the calls it made to each service (request side and watch side
     * together; {@code checkSendCalls}: the SendMessageBatch calls of first checks and re-checks).
     */
    record Run(List<Detection> detections, int sessions, int getSessionCalls, int watchInvocations, int undetected,
            int startSessionCalls, int putEventsCalls, int eventEntries, int checkSendCalls) {
        List<Double> lagSeconds() {
            return detections.stream().map(detection -> detection.lag().toMillis() / 1000.0).toList();
        }

        double callsPerSession() {
            return getSessionCalls / (double) sessions;
        }

        int maxReads() {
            return detections.stream().mapToInt(Detection::reads).max().orElse(0);
        }

        double medianInterval() {
            return Stats.median(detections.stream().map(detection -> detection.interval().toSeconds()).toList());
        }
    }

    static final Watcher FUNCTION = new Watcher("default backoff", null, null);
    static final Watcher BASELINE = new Watcher("every 10 s", 10, 10);
    static final int CALL_GOAL = 12;
    static final Duration JITTER = Duration.ofSeconds(5);
    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    private static final String WATCH_QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/watch";

    private final int sessions;
    private final Duration startup;
    private final long seed;

    ReadinessBenchmark(int sessions, Duration startup, long seed) {
        this.sessions = sessions;
        this.startup = startup;
        this.seed = seed;
    }

    void run(ResultTable table) {
        // Outside Lambda the metrics library would look for a CloudWatch agent (and keep the JVM alive retrying);
        // print the metrics as Lambda does (to standard output, discarded here).
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
        Startups chosen = chosen(startup);
        Startups spread = new Startups("start-up 30 s – 5 min (log-uniform)",
                random -> Duration.ofMillis((long) (30_000 * Math.pow(10, random.nextDouble()))));
        table.section("Readiness detection, " + sessions + " sessions a set, manual clock and in-memory watch queue "
                + "(function: the default backoff, 10 s doubling to 60 s; baseline: a check every 10 s)");
        for (Startups startups : List.of(chosen, spread)) {
            Run function = run(startups, FUNCTION);
            Run baseline = run(startups, BASELINE);
            double medianLag = Stats.median(function.lagSeconds());
            double interval = function.medianInterval();
            table.row(startups.name() + ": lag IDLE → Ready event, median / p95",
                    lagFigures(function), lagFigures(baseline),
                    String.format("%.2f", medianLag / Stats.median(baseline.lagSeconds())),
                    String.format("median ≤ interval in force (%s s): %s", ResultTable.format(interval),
                            medianLag <= interval && function.undetected() == 0 ? "met" : "MISSED"));
            boolean twoMinutes = startups == chosen && startup.equals(Duration.ofMinutes(2));
            table.row("… GetSession calls per session, mean / most", callFigures(function), callFigures(baseline),
                    String.format("%.2f", function.callsPerSession() / baseline.callsPerSession()),
                    twoMinutes ? String.format("≤ %d: %s", CALL_GOAL,
                            function.maxReads() <= CALL_GOAL && function.callsPerSession() <= CALL_GOAL
                                    ? "met" : "MISSED") : "");
            int undetected = function.undetected() + baseline.undetected();
            table.row("… watch invocations (batches of up to 10 checks)",
                    Integer.toString(function.watchInvocations()), Integer.toString(baseline.watchInvocations()), "",
                    undetected == 0 ? "every session found ready"
                            : "MISSED: " + undetected + " sessions never found ready");
        }
    }

    /** Start-ups of the chosen time, give or take {@link #JITTER}. */
    static Startups chosen(Duration startup) {
        return new Startups(String.format("start-up %d ± %d s", startup.toSeconds(), JITTER.toSeconds()),
                random -> startup.minus(JITTER).plusMillis((long) (random.nextDouble() * JITTER.toMillis() * 2)));
    }

    private static String lagFigures(Run run) {
        List<Double> lags = run.lagSeconds();
        return ResultTable.format(Stats.median(lags)) + " / " + ResultTable.format(Stats.percentile(lags, 95)) + " s";
    }

    private static String callFigures(Run run) {
        return String.format("%.1f / %d", run.callsPerSession(), run.maxReads());
    }

    /** Starts the sessions through the request handler, then delivers checks until the watch queue is empty. */
    Run run(Startups startups, Watcher watcher) {
        System.err.printf("readiness: %s, %s%n", startups.name(), watcher.name());
        ManualClock clock = ManualClock.startingAt("2026-12-01T10:00:00Z");
        PrintStream out = System.out;
        try (EmulatedAws aws = EmulatedAws.start(clock);
             PrintStream discard = new PrintStream(OutputStream.nullOutputStream())) {
            // The function logs and emits its metrics on standard output, where the table goes.
            System.setOut(discard);
            aws.emr().addApplication(Application.builder().id(EmulatedAws.APPLICATION_ID).name("sessions")
                    .maxConcurrentSessions(Integer.MAX_VALUE).build());
            Random random = new Random(seed);
            for (int i = 0; i < sessions; i++) {
                aws.emr().startupForNextSessions(1, StartupOutcome.readyAfter(startups.draw().apply(random)));
            }
            Settings settings = settings(watcher);
            ManualWatchQueue queue = new ManualWatchQueue(clock);
            Ports real = Ports.of(aws.clients(), settings);
            FunctionComponents components = FunctionComponents.assemble(settings,
                    new Ports(real.starter(), real.publisher(), queue, real.sessions(), real.tasks()),
                    EmulatedAws.fastTiming(clock));
            startSessions(new SqsSessionRequestHandler(components, FunctionFixture.powertoolsMetrics()));
            ReadinessCheckHandler watch = new ReadinessCheckHandler(components, FunctionFixture.powertoolsMetrics());
            int invocations = 0;
            while (!queue.isEmpty()) {
                List<ManualWatchQueue.Waiting> batch = queue.nextBatch();
                List<SQSEvent.SQSMessage> messages = batch.stream()
                        .map(check -> SqsEvents.message(check.messageId(), check.body())).toList();
                SQSBatchResponse response = watch.handleRequest(SqsEvents.batch(messages), LocalContext.fresh());
                invocations++;
                Set<String> handedBack = new HashSet<>();
                response.getBatchItemFailures().forEach(failure -> handedBack.add(failure.getItemIdentifier()));
                batch.stream().filter(check -> handedBack.contains(check.messageId()))
                        .forEach(check -> queue.handBack(check, VISIBILITY_TIMEOUT));
            }
            return detections(aws, queue, invocations);
        } finally {
            System.setOut(out);
        }
    }

    private void startSessions(SqsSessionRequestHandler handler) {
        for (int from = 0; from < sessions; from += 10) {
            List<SQSEvent.SQSMessage> batch = new ArrayList<>();
            for (int i = from; i < Math.min(from + 10, sessions); i++) {
                batch.add(SqsEvents.message("request-" + i, Requests.valid().put("name", "readiness-" + i).toString()));
            }
            SQSBatchResponse response = handler.handleRequest(SqsEvents.batch(batch), LocalContext.fresh());
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("requests failed: " + response.getBatchItemFailures().size());
            }
        }
    }

    private Run detections(EmulatedAws aws, ManualWatchQueue queue, int invocations) {
        Map<String, RecordedEvent> readyBySession = new HashMap<>();
        for (RecordedEvent event : aws.events().events()) {
            if (event.detailType().equals(OutcomeEvents.READY)) {
                readyBySession.putIfAbsent(event.detail().path("sessionId").asText(), event);
            }
        }
        List<Detection> detections = new ArrayList<>();
        List<SessionView> views = aws.emr().sessions(EmulatedAws.APPLICATION_ID);
        for (SessionView session : views) {
            StartupOutcome.Ready planned = (StartupOutcome.Ready) session.startup();
            Instant idleAt = session.createdAt().plus(planned.after()).plus(planned.startedFor());
            RecordedEvent ready = readyBySession.get(session.sessionId());
            if (ready == null) {
                continue;
            }
            JsonNode detail = ready.detail();
            List<Duration> delays = queue.delays(session.sessionId());
            detections.add(new Detection(planned.after(), Duration.between(idleAt, ready.time()),
                    detail.path("checks").asInt(), delays.get(delays.size() - 1)));
        }
        return new Run(detections, views.size(), aws.emr().requestCount(EmrOperation.GET_SESSION), invocations,
                views.size() - detections.size(), aws.emr().requestCount(EmrOperation.START_SESSION),
                aws.events().putEventsCalls(), aws.events().entriesReceived(), queue.sendCalls());
    }

    private static Settings settings(Watcher watcher) {
        Map<String, String> environment = new HashMap<>(Map.of(
                Settings.ALLOWED_APPLICATION_IDS, EmulatedAws.APPLICATION_ID,
                Settings.ALLOWED_EXECUTION_ROLE_ARNS, EmulatedAws.ROLE_ARN,
                Settings.EVENT_BUS_NAME, EmulatedAws.EVENT_BUS,
                Settings.MAX_RECEIVE_COUNT, "5",
                Settings.WATCH_QUEUE_URL, WATCH_QUEUE_URL, Settings.FOLLOW_TO_END, "false"));
        if (watcher.firstCheckSeconds() != null) {
            environment.put(Settings.READINESS_FIRST_CHECK_SECONDS, watcher.firstCheckSeconds().toString());
            environment.put(Settings.READINESS_MAX_CHECK_SECONDS, watcher.maxCheckSeconds().toString());
        }
        return Settings.fromEnvironment(environment, Settings.QueueTrigger.REQUIRED);
    }
}

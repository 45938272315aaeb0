package dev.emrsessionstarter.harness.soak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.core.port.SessionStarter;
import dev.emrsessionstarter.adapter.emr.EmrServerlessSessionStarter;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.emr.EmrServerlessEmulator;
import dev.emrsessionstarter.emulator.emr.SessionView;
import dev.emrsessionstarter.emulator.emr.StartupPlan;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.fault.EntryFault;
import dev.emrsessionstarter.emulator.fault.FaultSpec;
import dev.emrsessionstarter.emulator.fault.KeyedDraws;
import dev.emrsessionstarter.emulator.stepfunctions.StepFunctionsEmulator;
import dev.emrsessionstarter.emulator.stepfunctions.TaskCallbackOperation;
import dev.emrsessionstarter.emulator.stepfunctions.TaskState;
import dev.emrsessionstarter.emulator.time.ManualClock;
import dev.emrsessionstarter.entrypoint.ReadinessCheckHandler;
import dev.emrsessionstarter.entrypoint.SqsSessionRequestHandler;
import dev.emrsessionstarter.harness.soak.PlannedRequest.TaskFate;
import dev.emrsessionstarter.harness.sqs.BatchInvocation;
import dev.emrsessionstarter.harness.sqs.CrashingSessionMonitor;
import dev.emrsessionstarter.harness.sqs.CrashingSessionStarter;
import dev.emrsessionstarter.harness.sqs.EventSourceMapping;
import dev.emrsessionstarter.harness.sqs.ExecutionEnvironments;
import dev.emrsessionstarter.harness.sqs.ReceivedMessage;
import dev.emrsessionstarter.harness.sqs.SimulatedCrash;
import dev.emrsessionstarter.harness.sqs.SqsFunction;
import dev.emrsessionstarter.testing.EmulatedAws;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalSqs;
import dev.emrsessionstarter.testing.QueueSettings;
import dev.emrsessionstarter.testing.SqsQueue;
import dev.emrsessionstarter.wiring.AwsClients;
import dev.emrsessionstarter.wiring.FunctionComponents;
import dev.emrsessionstarter.wiring.Ports;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One soak run: the emulators with every fault of the plan, two real queues (requests and readiness checks) each with
 * its dead-letter queue, the traffic sent up front, then two event source mappings running at once until both queues
 * are empty: one drains the request queue into the SQS handler, the other the watch queue into the readiness check
 * handler. Each side has its own execution environments, which crash as the plan says.
 *
 * <p>Time: the queues keep real time (a check scheduled for 2 s is delivered 2 s later), while EMR Serverless, Step
 * Functions, EventBridge and both functions share one manual clock that the run sets, between the watch's
 * invocations, to {@link SoakPlan#timeScale()} times the real time spent draining. So the watch's timeout of one
 * minute passes in seconds, the small-quota application's sessions (idle timeout one minute) end and free their slots
 * as the run goes on, and, since the clock stands still while a watch invocation runs, a readiness event's time is the
 * moment its session was read.
 */
final class SoakRun {

    static final Instant START = Instant.parse("2026-11-24T00:00:00Z");
    /** The watch's timings: checks after 1 s, then every 2 s (real time), for one minute (emulated). */
    static final int FIRST_CHECK_SECONDS = 1;
    static final int MAX_CHECK_SECONDS = 2;
    static final Duration WATCH_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(60);
    private static final long IDLE_PAUSE_MILLIS = 20;
    private static final int SENDERS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How sessions start up, decided per client token: most are ready before the first check or within a few, some
     * fail, some are ready or fail only around the watch's timeout (so either end agrees with the plan, depending on
     * when they are read), some never start.
     */
    static StartupPlan startupPlan(long seed) {
        return StartupPlan.seeded(seed)
                .ready(0.50, Duration.ofSeconds(10))
                .ready(0.15, Duration.ofSeconds(40))
                .ready(0.05, Duration.ofSeconds(70))
                .failed(0.10, Duration.ofSeconds(20), "Session failed: not enough capacity.")
                .failed(0.05, Duration.ofSeconds(75))
                .neverReady(0.15);
    }

    private final SoakPlan plan;
    private final ManualClock clock = new ManualClock(START);
    /** How many draws each key has made, per kind of hazard: a draw depends on its key and number, not on timing. */
    private final KeyedHazard crashes;
    private final KeyedHazard watchCrashes;
    private final KeyedHazard queueFailures;
    private final PriorityQueue<PendingClose> pendingCloses =
            new PriorityQueue<>(Comparator.comparing(PendingClose::at));
    private final Set<String> closesPlanned = new HashSet<>();
    private final Map<String, TaskState> closedBySoak = new HashMap<>();
    private long drainStartNanos;

    private SoakRun(SoakPlan plan) {
        this.plan = plan;
        this.crashes = new KeyedHazard(plan.seed() + 3, plan.crashRate());
        this.watchCrashes = new KeyedHazard(plan.seed() + 6, plan.watchCrashRate());
        this.queueFailures = new KeyedHazard(plan.seed() + 7, plan.watchQueueFailureRate());
    }

    static SoakResult run(SoakPlan plan) {
        return new SoakRun(plan).run();
    }

    private SoakResult run() {
        try (EmulatedAws aws = EmulatedAws.start(clock); LocalSqs sqs = LocalSqs.start()) {
            configure(aws);
            SqsQueue requestQueue = sqs.createQueue(QueueSettings.standard("soak-requests")
                    .maxReceiveCount(plan.maxReceiveCount()));
            SqsQueue watchQueue = sqs.createQueue(QueueSettings.standard("soak-watch")
                    .maxReceiveCount(plan.watchMaxReceiveCount()));
            Settings requestSettings = settings(watchQueue, Settings.QueueTrigger.REQUIRED);
            Settings watchSettings = settings(watchQueue, Settings.QueueTrigger.NOT_USED);
            StepFunctionsEmulator stepFunctions = aws.stepFunctions();

            List<PlannedRequest> traffic = SoakTraffic.messages(plan, stepFunctions::issueTaskToken);
            TokenLeaks tokens = new TokenLeaks(traffic.stream().map(PlannedRequest::taskToken)
                    .filter(token -> token != null).distinct().toList());
            long sendStart = System.nanoTime();
            List<SoakResult.SentMessage> sent = send(requestQueue, traffic);
            Duration sending = Duration.ofNanos(System.nanoTime() - sendStart);
            Map<String, PlannedRequest> requestOfMessage = sent.stream().collect(Collectors.toMap(
                    SoakResult.SentMessage::messageId, SoakResult.SentMessage::request));

            drainStartNanos = System.nanoTime();
            Side requests = new Side(requestQueue, drainStartNanos,
                    () -> requestColdStart(aws, sqs, requestSettings));
            Side watch = new Side(watchQueue, drainStartNanos, () -> watchColdStart(aws, sqs, watchSettings));
            OutputScanner output = OutputScanner.during(SoakTraffic.SECRET_MARKER, tokens, () -> {
                try (requests; watch) {
                    drain(aws, requests, watch, requestOfMessage);
                }
            });
            Duration draining = Duration.ofNanos(System.nanoTime() - drainStartNanos);
            Instant end = clock.instant();

            Set<String> deadLettered = requestQueue.takeDeadLetters().stream().map(Message::messageId)
                    .collect(Collectors.toSet());
            Map<String, String> watchDeadLetters = watchQueue.takeDeadLetters().stream()
                    .collect(Collectors.toMap(Message::messageId, Message::body));
            EmrServerlessEmulator emr = aws.emr();
            List<RecordedEvent> events = aws.events().events();
            List<SoakResult.ReadinessRead> reads = replayReads(emr, events);
            clock.set(end);
            List<SessionView> sessions = Stream.of(SoakTraffic.MAIN_APPLICATION, SoakTraffic.QUOTA_APPLICATION)
                    .flatMap(application -> emr.sessions(application).stream()).toList();
            return new SoakResult(plan, sent, requests.fates, deadLettered, sessions,
                    emr.startSessionRequestBodies(), events, output, requests.invocations(), sending, draining,
                    new SoakResult.Watch(watch.fates, watchDeadLetters, watch.invocations(),
                            emr.requestCount(EmrOperation.GET_SESSION),
                            emr.requestCount(EmrOperation.TERMINATE_SESSION)),
                    new SoakResult.Tasks(stepFunctions.tasks(), Map.copyOf(closedBySoak), stepFunctions.calls()),
                    reads, Duration.between(START, end));
        }
    }

    /**
     * Both mappings run at once, as Lambda runs two functions, without long polling: the request queue's on a thread
     * of its own until that queue holds no message, the watch queue's on this thread until the request side is done
     * and the watch queue holds no message either. A queue is asked how many messages it holds only when a poll of it
     * received none: the local SQS server counts them by looking at every message, so asking on every turn made the
     * drain quadratic in the run's size.
     *
     * <p>Only the watch side moves the clock, between its invocations: a readiness event's time stays the moment its
     * session was read. The request function sees the clock move during an invocation, as real time would.
     */
    private void drain(EmulatedAws aws, Side requests, Side watch, Map<String, PlannedRequest> requestOfMessage) {
        long giveUpAt = System.nanoTime() + DRAIN_LIMIT.toNanos();
        AtomicBoolean requestsDone = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> requestFailure = new AtomicReference<>();
        Thread requestSide = new Thread(() -> {
            try {
                while (!stop.get()) {
                    BatchInvocation request = requests.pollOnce();
                    if (request.invoked()) {
                        planTaskCloses(request, requestOfMessage);
                    } else if (idle(requests.queue)) {
                        return;
                    }
                }
            } catch (RuntimeException | Error failure) {
                requestFailure.set(failure);
            } finally {
                requestsDone.set(true);
            }
        }, "soak-request-side");
        requestSide.start();
        try {
            while (true) {
                tick(aws.stepFunctions());
                BatchInvocation check = watch.pollOnce();
                if (requestFailure.get() != null) {
                    throw new IllegalStateException("The request side failed", requestFailure.get());
                }
                if (!check.invoked()) {
                    // Read before counting: once the request side is done, every check it sent is counted.
                    boolean requestSideDone = requestsDone.get();
                    if (idle(watch.queue)) {
                        if (requestSideDone) {
                            break;
                        }
                        pause();
                    }
                }
                if (System.nanoTime() - giveUpAt > 0) {
                    throw new IllegalStateException("The queues still hold " + requests.queue.messagesLeft()
                            + " and " + watch.queue.messagesLeft() + " messages after " + DRAIN_LIMIT);
                }
            }
        } finally {
            stop.set(true);
            joinUninterruptibly(requestSide);
        }
        if (requestFailure.get() != null) {
            throw new IllegalStateException("The request side failed", requestFailure.get());
        }
    }

    /**
     * After a poll that received nothing: whether the queue holds no message at all. It pauses first when every
     * message left is in flight or delayed; not when some are visible, since those are waiting for the receive that
     * moves them to the dead-letter queue (the local SQS server moves at most ten per receive and returns nothing
     * then), and pausing there made the end of a run wait 20 ms per ten dead letters.
     */
    private static boolean idle(SqsQueue queue) {
        SqsQueue.MessageCounts counts = queue.messageCounts();
        if (counts.total() == 0) {
            return true;
        }
        if (counts.visible() == 0) {
            pause();
        }
        return false;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moves the shared clock to the scaled real time, then closes the tasks whose time has come. */
    private synchronized void tick(StepFunctionsEmulator stepFunctions) {
        Instant target = START.plusNanos((long) ((System.nanoTime() - drainStartNanos) * plan.timeScale()));
        if (target.isAfter(clock.instant())) {
            clock.set(target);
        }
        while (!pendingCloses.isEmpty() && !pendingCloses.peek().at().isAfter(clock.instant())) {
            PendingClose close = pendingCloses.poll();
            if (stepFunctions.task(close.taskToken()).state() != TaskState.WAITING) {
                continue;
            }
            if (close.fate() == TaskFate.STOPPED) {
                stepFunctions.stopTask(close.taskToken());
            } else {
                stepFunctions.expireTask(close.taskToken());
            }
            closedBySoak.put(close.taskToken(), stepFunctions.task(close.taskToken()).state());
        }
    }

    /** A request that was acknowledged has its session watched now: its task, if planned so, is closed a bit later. */
    private synchronized void planTaskCloses(BatchInvocation invocation, Map<String, PlannedRequest> requestOfMessage) {
        for (String messageId : invocation.deleted()) {
            PlannedRequest request = requestOfMessage.get(messageId);
            if (request != null && request.hasTask() && request.task().fate() != TaskFate.WAITS
                    && closesPlanned.add(request.taskToken())) {
                pendingCloses.add(new PendingClose(clock.instant().plus(request.task().closeAfter()),
                        request.taskToken(), request.task().fate()));
            }
        }
    }

    /**
     * Each readiness event with its session as EMR Serverless had it when the watch read it: the clock is set back to
     * the event's time for the look (the emulator computes a session's state from the clock), then restored by the
     * caller.
     *
     * <p>A Not Ready event that says the session was terminated was read at the instant of a TerminateSession (the
     * clock stands still while an invocation runs): before it, when the check terminated the session itself, or after
     * it, when another check of the same session in the same batch (a request delivered twice has two watches)
     * terminated it first. The session is taken as it was just before that instant unless the event names the state
     * it had at the instant itself.
     */
    private List<SoakResult.ReadinessRead> replayReads(EmrServerlessEmulator emr, List<RecordedEvent> events) {
        List<SoakResult.ReadinessRead> reads = new ArrayList<>();
        for (RecordedEvent event : events) {
            String type = event.detailType();
            if (!SoakFacts.READINESS.contains(type)) {
                continue;
            }
            String applicationId = event.detail().path("applicationId").asText();
            String sessionId = event.detail().path("sessionId").asText();
            clock.set(event.time());
            SessionView session = emr.session(applicationId, sessionId).orElse(null);
            if (type.equals(OutcomeEvents.NOT_READY) && event.detail().path("terminated").asBoolean()
                    && (session == null || !session.state().name().equals(event.detail().path("state").asText()))) {
                clock.set(event.time().minusNanos(1));
                session = emr.session(applicationId, sessionId).orElse(null);
            }
            reads.add(new SoakResult.ReadinessRead(event, session));
        }
        return reads;
    }

    private void configure(EmulatedAws aws) {
        EmrServerlessEmulator emr = aws.emr();
        emr.addApplication(Application.builder().id(SoakTraffic.MAIN_APPLICATION).name("sessions")
                .maxConcurrentSessions(Integer.MAX_VALUE).build());
        emr.addApplication(Application.builder().id(SoakTraffic.QUOTA_APPLICATION).name("small-quota")
                .maxConcurrentSessions(plan.quotaSlots()).build());
        emr.startupPlan(startupPlan(plan.seed() + 4));
        // Every fractional fault is drawn per key (client token, session, event, task token), so a seed replays.
        for (EmrOperation operation : EmrOperation.values()) {
            emr.faults(operation).seed(plan.seed() + 10 + operation.ordinal()).drawPerKey();
        }
        emr.faults(EmrOperation.START_SESSION).seed(plan.seed()).drawPerKey();
        aws.events().callFaults().seed(plan.seed() + 1).drawPerKey();
        aws.events().entryFaults().seed(plan.seed() + 2).drawPerKey();
        for (TaskCallbackOperation operation : TaskCallbackOperation.values()) {
            aws.stepFunctions().faults(operation).seed(plan.seed() + 20 + operation.ordinal()).drawPerKey();
        }
        for (String text : plan.faults()) {
            FaultSpec fault = FaultSpec.parse(text);
            TaskCallbackOperation callback = TaskCallbackOperation.byApiName(fault.target());
            if (callback != null) {
                fault.applyTo(aws.stepFunctions().faults(callback), CallFault.valueOf(fault.kind()));
                continue;
            }
            switch (fault.target()) {
                case "PutEvents" -> fault.applyTo(aws.events().callFaults(), CallFault.valueOf(fault.kind()));
                case "PutEvents.entries" -> fault.applyTo(aws.events().entryFaults(), EntryFault.valueOf(fault.kind()));
                default -> fault.applyTo(emr.faults(EmrOperation.byApiName(fault.target())),
                        CallFault.valueOf(fault.kind()));
            }
        }
    }

    private Settings settings(SqsQueue watchQueue, Settings.QueueTrigger trigger) {
        // The soak runs on real queues and the real clock: ends of sessions (a 15-minute cadence) are SessionEndTest's,
        // on a manual clock.
        return Settings.fromEnvironment(Map.ofEntries(Map.entry(Settings.FOLLOW_TO_END, "false"),
                Map.entry(Settings.ALLOWED_APPLICATION_IDS, SoakTraffic.MAIN_APPLICATION + ","
                        + SoakTraffic.QUOTA_APPLICATION),
                Map.entry(Settings.ALLOWED_EXECUTION_ROLE_ARNS, SoakTraffic.ROLE_ARN),
                Map.entry(Settings.EVENT_BUS_NAME, EmulatedAws.EVENT_BUS),
                Map.entry(Settings.MAX_RECEIVE_COUNT, Integer.toString(plan.maxReceiveCount())),
                Map.entry(Settings.WATCH_QUEUE_URL, watchQueue.url()),
                Map.entry(Settings.READINESS_FIRST_CHECK_SECONDS, Integer.toString(FIRST_CHECK_SECONDS)),
                Map.entry(Settings.READINESS_MAX_CHECK_SECONDS, Integer.toString(MAX_CHECK_SECONDS)),
                Map.entry(Settings.READINESS_TIMEOUT_MINUTES, Long.toString(WATCH_TIMEOUT.toMinutes())),
                Map.entry(Settings.TERMINATE_UNREADY_SESSIONS, Boolean.toString(plan.terminateUnready()))), trigger);
    }

    /**
     * Sends the traffic in batches of ten, {@value #SENDERS} batches at a time (a send waits mostly for the local SQS
     * server), and returns each message's id with its request, in the traffic's order.
     */
    private static List<SoakResult.SentMessage> send(SqsQueue queue, List<PlannedRequest> messages) {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<List<SoakResult.SentMessage>>> batches = new ArrayList<>();
            for (int from = 0; from < messages.size(); from += 10) {
                List<PlannedRequest> batch = messages.subList(from, Math.min(from + 10, messages.size()));
                batches.add(senders.submit(() -> {
                    List<String> ids = queue.sendBatch(batch.stream().map(PlannedRequest::body).toList());
                    List<SoakResult.SentMessage> sent = new ArrayList<>(batch.size());
                    for (int i = 0; i < batch.size(); i++) {
                        sent.add(new SoakResult.SentMessage(ids.get(i), batch.get(i)));
                    }
                    return sent;
                }));
            }
            List<SoakResult.SentMessage> sent = new ArrayList<>(messages.size());
            for (Future<List<SoakResult.SentMessage>> batch : batches) {
                sent.addAll(batch.get());
            }
            return sent;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", interrupted);
        } catch (ExecutionException failed) {
            throw new IllegalStateException("sending the traffic failed", failed.getCause());
        } finally {
            senders.shutdownNow();
        }
    }

    /** SDK clients of one execution environment, pointed at the emulators and the soak's SQS server. */
    private static AwsClients clients(EmulatedAws aws, LocalSqs sqs) {
        return AwsClients.forEndpoints(new AwsClients.Endpoints(aws.emr().endpoint(), aws.events().endpoint(),
                sqs.endpoint(), aws.stepFunctions().endpoint()), Region.US_EAST_1, EmulatedAws.CREDENTIALS);
    }

    /**
     * A new environment of the request function, whose StartSession calls may kill it. Its SDK clients are its own:
     * when it dies, {@link ExecutionEnvironments} closes the handler (its lane threads end) and then the clients, as
     * Lambda's end of an environment frees everything in it. Each client holds threads of its own: kept, a long run's
     * thousands of dead environments would hold tens of thousands of idle threads.
     */
    private SqsFunction requestColdStart(EmulatedAws aws, LocalSqs sqs, Settings settings) {
        AwsClients clients = clients(aws, sqs);
        CrashingSessionStarter starter = new CrashingSessionStarter(
                new EmrServerlessSessionStarter(clients.emrServerless()),
                (command, call) -> crashes.strikes(command.clientToken()));
        FunctionComponents components = FunctionComponents.assemble(settings,
                flaky(withStarter(Ports.of(clients, settings), starter)), EmulatedAws.fastTiming(clock));
        SqsSessionRequestHandler handler = new SqsSessionRequestHandler(components,
                FunctionFixture.powertoolsMetrics());
        return SqsFunction.closing(handler::handleRequest, handler, clients);
    }

    /** A new environment of the watch function, whose GetSession calls may kill it; closed as the request one. */
    private SqsFunction watchColdStart(EmulatedAws aws, LocalSqs sqs, Settings settings) {
        AwsClients clients = clients(aws, sqs);
        Ports real = flaky(Ports.of(clients, settings));
        Ports ports = new Ports(real.starter(), real.publisher(), real.checks(),
                new CrashingSessionMonitor(real.sessions(),
                        (applicationId, sessionId, call) -> watchCrashes.strikes(applicationId + "/" + sessionId)),
                real.tasks());
        FunctionComponents components = FunctionComponents.assemble(settings, ports, EmulatedAws.fastTiming(clock));
        ReadinessCheckHandler handler = new ReadinessCheckHandler(components, FunctionFixture.powertoolsMetrics());
        return SqsFunction.closing(handler::handleRequest, handler, clients);
    }

    private Ports flaky(Ports ports) {
        return new Ports(ports.starter(), ports.publisher(),
                new FlakyCheckScheduler(ports.checks(), check -> queueFailures.strikes(checkKey(check.body()))),
                ports.sessions(), ports.tasks());
    }

    /**
     * The key a check's sending draws from: its request's client token. Not the body itself: it holds the emulated
     * instant the watch began, which follows the real clock, so the same check's body differs between two runs.
     */
    private static String checkKey(String body) {
        try {
            return JSON.readTree(body).path("clientToken").asText("");
        } catch (JsonProcessingException notJson) {
            return "";
        }
    }

    /**
     * A hazard that strikes a share of the draws, each drawn from (seed, key, how many times that key drew before):
     * the {@code n}th StartSession call of a request (by its client token, so every delivery and in-process retry
     * counts), the {@code n}th read of a session, the {@code n}th sending of a request's checks. Which calls of other
     * requests came first changes nothing.
     */
    static final class KeyedHazard {
        private final long seed;
        private final double rate;
        private final Map<String, Integer> draws = new ConcurrentHashMap<>();

        KeyedHazard(long seed, double rate) {
            this.seed = seed;
            this.rate = rate;
        }

        boolean strikes(String key) {
            int draw = draws.merge(key == null ? "" : key, 1, Integer::sum);
            return KeyedDraws.unit(seed, key, draw) < rate;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(IDLE_PAUSE_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }

    private static boolean causedByCrash(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SimulatedCrash) {
                return true;
            }
        }
        return false;
    }

    private record PendingClose(Instant at, String taskToken, TaskFate fate) {
    }

    /**
     * One queue, its event source mapping and the function's execution environments behind it; closing it ends the
     * environment still running.
     */
    private static final class Side implements AutoCloseable {
        final SqsQueue queue;
        final Map<String, SoakResult.MessageFate> fates = new HashMap<>();
        private final EventSourceMapping mapping;
        private final ExecutionEnvironments lambda;
        private final SqsFunction timed;
        private final long drainStartNanos;
        private long inFunctionNanos;
        private long lastEndedNanos;
        private int invocations;
        private int functionErrors;
        private int crashes;

        Side(SqsQueue queue, long drainStartNanos, Supplier<SqsFunction> coldStart) {
            this.queue = queue;
            this.drainStartNanos = drainStartNanos;
            this.mapping = EventSourceMapping.builder(queue).pollWait(Duration.ZERO).build();
            this.lambda = new ExecutionEnvironments(coldStart);
            this.timed = (event, context) -> {
                long start = System.nanoTime();
                try {
                    return lambda.handleRequest(event, context);
                } finally {
                    long end = System.nanoTime();
                    inFunctionNanos += end - start;
                    lastEndedNanos = end - this.drainStartNanos;
                }
            };
        }

        BatchInvocation pollOnce() {
            BatchInvocation invocation = mapping.pollOnce(timed);
            if (invocation.invoked()) {
                record(invocation);
            }
            return invocation;
        }

        private void record(BatchInvocation invocation) {
            invocations++;
            boolean unanswered = invocation.result() == BatchInvocation.Result.FUNCTION_ERROR;
            for (ReceivedMessage message : invocation.messages()) {
                SoakResult.MessageFate before = fates.getOrDefault(message.messageId(),
                        new SoakResult.MessageFate(0, 0, false, 0, false));
                fates.put(message.messageId(), new SoakResult.MessageFate(before.deliveries() + 1,
                        before.unanswered() + (unanswered ? 1 : 0), unanswered, message.receiveCount(),
                        invocation.deleted().contains(message.messageId())));
            }
            if (unanswered) {
                functionErrors++;
                if (causedByCrash(invocation.error())) {
                    crashes++;
                }
            }
        }

        @Override
        public void close() {
            lambda.close();
        }

        SoakResult.Invocations invocations() {
            return new SoakResult.Invocations(invocations, functionErrors, crashes, lambda.started(),
                    Duration.ofNanos(inFunctionNanos), Duration.ofNanos(lastEndedNanos));
        }
    }

    private static Ports withStarter(Ports ports, SessionStarter starter) {
        return new Ports(starter, ports.publisher(), ports.checks(), ports.sessions(), ports.tasks());
    }
}

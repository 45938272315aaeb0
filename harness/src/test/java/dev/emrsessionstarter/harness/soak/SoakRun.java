package dev.emrsessionstarter.harness.soak;

import dev.emrsessionstarter.adapter.emr.EmrServerlessSessionStarter;
import dev.emrsessionstarter.adapter.eventbridge.EventBridgeOutcomePublisher;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.retry.RetryPolicy;
import dev.emrsessionstarter.core.retry.Sleeper;
import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.emr.EmrServerlessEmulator;
import dev.emrsessionstarter.emulator.emr.SessionView;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.fault.EntryFault;
import dev.emrsessionstarter.emulator.fault.FaultSpec;
import dev.emrsessionstarter.emulator.time.ManualClock;
import dev.emrsessionstarter.entrypoint.SqsSessionRequestHandler;
import dev.emrsessionstarter.harness.sqs.BatchInvocation;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One soak run: the emulators with every fault of the plan, a real queue with a dead-letter queue, the traffic sent up
 * front, then the event source mapping draining the queue into the SQS handler until nothing is left.
 *
 * <p>EMR Serverless runs on a manual clock that moves {@link #EMULATED_TIME_PER_INVOCATION} per invocation, so the
 * small-quota application's sessions (idle timeout one minute) end and free their slots as the run goes on.
 */
final class SoakRun {

    static final Duration EMULATED_TIME_PER_INVOCATION = Duration.ofSeconds(20);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(60);

    private final SoakPlan plan;
    private final ManualClock clock = ManualClock.startingAt("2026-11-24T00:00:00Z");
    private final Random crashes;

    private SoakRun(SoakPlan plan) {
        this.plan = plan;
        this.crashes = new Random(plan.seed() + 3);
    }

    static SoakResult run(SoakPlan plan) {
        return new SoakRun(plan).run();
    }

    private SoakResult run() {
        try (EmulatedAws aws = EmulatedAws.start(clock); LocalSqs sqs = LocalSqs.start()) {
            configure(aws);
            Settings settings = settings();
            SqsQueue queue = sqs.createQueue(QueueSettings.standard("soak-requests")
                    .maxReceiveCount(plan.maxReceiveCount()));

            long sendStart = System.nanoTime();
            List<SoakResult.SentMessage> sent = send(queue, SoakTraffic.messages(plan));
            Duration sending = Duration.ofNanos(System.nanoTime() - sendStart);

            Map<String, SoakResult.MessageFate> fates = new HashMap<>();
            int[] errors = new int[2];
            ExecutionEnvironments lambda = new ExecutionEnvironments(() -> coldStart(aws, settings));
            long[] inFunction = new long[1];
            SqsFunction timed = (event, context) -> {
                long start = System.nanoTime();
                try {
                    return lambda.handleRequest(event, context);
                } finally {
                    inFunction[0] += System.nanoTime() - start;
                }
            };
            EventSourceMapping mapping = EventSourceMapping.builder(queue).build();
            long drainStart = System.nanoTime();
            int[] invocations = new int[1];
            OutputScanner output = OutputScanner.during(SoakTraffic.SECRET_MARKER, () ->
                    invocations[0] = mapping.drain(timed, DRAIN_LIMIT, invocation -> {
                        record(invocation, fates, errors);
                        clock.advance(EMULATED_TIME_PER_INVOCATION);
                    }));
            Duration draining = Duration.ofNanos(System.nanoTime() - drainStart);

            Set<String> deadLettered = queue.takeDeadLetters().stream().map(Message::messageId)
                    .collect(Collectors.toSet());
            EmrServerlessEmulator emr = aws.emr();
            List<SessionView> sessions = Stream.of(SoakTraffic.MAIN_APPLICATION, SoakTraffic.QUOTA_APPLICATION)
                    .flatMap(application -> emr.sessions(application).stream()).toList();
            return new SoakResult(plan, sent, fates, deadLettered, sessions, emr.startSessionRequestBodies(),
                    aws.events().events(), output,
                    new SoakResult.Invocations(invocations[0], errors[0], errors[1], lambda.started(),
                            Duration.ofNanos(inFunction[0])),
                    sending, draining);
        }
    }

    private void configure(EmulatedAws aws) {
        EmrServerlessEmulator emr = aws.emr();
        emr.addApplication(Application.builder().id(SoakTraffic.MAIN_APPLICATION).name("sessions")
                .maxConcurrentSessions(Integer.MAX_VALUE).build());
        emr.addApplication(Application.builder().id(SoakTraffic.QUOTA_APPLICATION).name("small-quota")
                .maxConcurrentSessions(plan.quotaSlots()).build());
        emr.faults(EmrOperation.START_SESSION).seed(plan.seed());
        aws.events().callFaults().seed(plan.seed() + 1);
        aws.events().entryFaults().seed(plan.seed() + 2);
        for (String text : plan.faults()) {
            FaultSpec fault = FaultSpec.parse(text);
            switch (fault.target()) {
                case "PutEvents" -> fault.applyTo(aws.events().callFaults(), CallFault.valueOf(fault.kind()));
                case "PutEvents.entries" -> fault.applyTo(aws.events().entryFaults(), EntryFault.valueOf(fault.kind()));
                default -> fault.applyTo(emr.faults(EmrOperation.byApiName(fault.target())),
                        CallFault.valueOf(fault.kind()));
            }
        }
    }

    private Settings settings() {
        return Settings.fromEnvironment(Map.of(
                Settings.ALLOWED_APPLICATION_IDS, SoakTraffic.MAIN_APPLICATION + "," + SoakTraffic.QUOTA_APPLICATION,
                Settings.ALLOWED_EXECUTION_ROLE_ARNS, SoakTraffic.ROLE_ARN,
                Settings.EVENT_BUS_NAME, EmulatedAws.EVENT_BUS,
                Settings.MAX_RECEIVE_COUNT, Integer.toString(plan.maxReceiveCount()),
                Settings.READINESS_WATCH, "false"), Settings.QueueTrigger.REQUIRED);
    }

    private static List<SoakResult.SentMessage> send(SqsQueue queue, List<PlannedRequest> messages) {
        List<SoakResult.SentMessage> sent = new ArrayList<>(messages.size());
        for (int from = 0; from < messages.size(); from += 10) {
            List<PlannedRequest> batch = messages.subList(from, Math.min(from + 10, messages.size()));
            List<String> ids = queue.sendBatch(batch.stream().map(PlannedRequest::body).toList());
            for (int i = 0; i < batch.size(); i++) {
                sent.add(new SoakResult.SentMessage(ids.get(i), batch.get(i)));
            }
        }
        return sent;
    }

    /** A new execution environment: the production assembly on the emulators, with a StartSession adapter that may die. */
    private SqsFunction coldStart(EmulatedAws aws, Settings settings) {
        AwsClients clients = aws.clients();
        CrashingSessionStarter starter = new CrashingSessionStarter(
                new EmrServerlessSessionStarter(clients.emrServerless()), call -> drawCrash());
        FunctionComponents components = FunctionComponents.assemble(settings,
                Ports.of(clients, settings).withStarter(starter), EmulatedAws.fastTiming(Clock.systemUTC()));
        return new SqsSessionRequestHandler(components, FunctionFixture.powertoolsMetrics())::handleRequest;
    }

    private boolean drawCrash() {
        synchronized (crashes) {
            return crashes.nextDouble() < plan.crashRate();
        }
    }

    private static void record(BatchInvocation invocation, Map<String, SoakResult.MessageFate> fates, int[] errors) {
        boolean unanswered = invocation.result() == BatchInvocation.Result.FUNCTION_ERROR;
        for (ReceivedMessage message : invocation.messages()) {
            SoakResult.MessageFate before = fates.getOrDefault(message.messageId(),
                    new SoakResult.MessageFate(0, 0, false, 0, false));
            fates.put(message.messageId(), new SoakResult.MessageFate(before.deliveries() + 1,
                    before.unanswered() + (unanswered ? 1 : 0), unanswered, message.receiveCount(),
                    invocation.deleted().contains(message.messageId())));
        }
        if (invocation.result() == BatchInvocation.Result.FUNCTION_ERROR) {
            errors[0]++;
            if (causedByCrash(invocation.error())) {
                errors[1]++;
            }
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
}

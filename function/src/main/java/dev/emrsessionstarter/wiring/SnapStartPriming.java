package dev.emrsessionstarter.wiring;

import dev.emrsessionstarter.adapter.emr.EmrServerlessSessionMonitor;
import dev.emrsessionstarter.adapter.emr.EmrServerlessSessionStarter;
import dev.emrsessionstarter.adapter.eventbridge.EventBridgeOutcomePublisher;
import dev.emrsessionstarter.adapter.sqs.SqsCheckScheduler;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.SessionFacts;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import dev.emrsessionstarter.core.port.StartSessionCommand;
import dev.emrsessionstarter.core.port.StartedSession;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.core.reading.ReadRequest;
import dev.emrsessionstarter.core.reading.RequestIdentity;
import dev.emrsessionstarter.core.reading.RequestReader;
import dev.emrsessionstarter.core.reading.RuntimeConfiguration;
import dev.emrsessionstarter.core.reading.Trigger;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.core.watching.ReadinessCheck;
import dev.emrsessionstarter.core.watching.ReadinessCheckJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SnapStart {@code beforeCheckpoint} hook: runs what every invocation runs, once, so the snapshot holds its
 * classes loaded and initialised: a request read (JSON parsing, validation, identity and client token), the outcome
 * events built, and a StartSession and a PutEvents request marshalled and signed through the real clients, stopped
 * before they are sent ({@link PrimingCalls}). It changes nothing anywhere and captures nothing that must be fresh
 * after a restore: no credentials are resolved, no connection is opened, no clock or random value is kept (deadlines
 * are taken from {@code System.nanoTime()} at each invocation; the backoff jitter is a {@code SecureRandom}).
 */
public final class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Only marshalled and signed: the call never leaves the function, so no real queue is named. */
    private static final String PRIMING_QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/000000000000/priming";
    private static final String SAMPLE_REQUEST = "{\"applicationId\":\"00primingapp00\","
            + "\"executionRoleArn\":\"arn:aws:iam::000000000000:role/priming\",\"name\":\"priming\","
            + "\"idleTimeoutMinutes\":60,\"configurationOverrides\":{\"runtimeConfiguration\":[{\"classification\":"
            + "\"spark-defaults\",\"properties\":{\"spark.executor.memory\":\"4g\"}}]},\"tags\":{\"team\":\"priming\"},"
            + "\"correlationId\":\"priming\"}";

    private final RequestReader reader;
    private final OutcomeEvents events;
    private final AwsClients clients;
    private final EventBridgeOutcomePublisher publisher;
    private final ReadinessCheckJson checks;

    SnapStartPriming(RequestReader reader, OutcomeEvents events, AwsClients clients,
            EventBridgeOutcomePublisher publisher, ReadinessCheckJson checks) {
        this.reader = reader;
        this.events = events;
        this.clients = clients;
        this.publisher = publisher;
        this.checks = checks;
    }

    /**
     * Registers with the runtime's CRaC context, which holds its resources only weakly: the caller (the handler)
     * keeps a reference for as long as the hook must run.
     */
    public static void register(SnapStartPriming priming) {
        Core.getGlobalContext().register(priming);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        ReadRequest read = reader.read(new Delivery(Trigger.SQS, "priming-message",
                RequestIdentity.Source.SQS_MESSAGE_ID, null, 1, false, new Delivery.Text(SAMPLE_REQUEST)));
        String token = read.clientToken() != null ? read.clientToken() : "priming";
        StartSessionCommand command = new StartSessionCommand("00primingapp00", token,
                "arn:aws:iam::000000000000:role/priming", "priming", 60L,
                List.of(new RuntimeConfiguration("spark-defaults", Map.of("spark.executor.memory", "4g"), null)),
                Map.of("team", "priming"));
        PrimingCalls.expectStopped(() -> clients.emrServerless()
                .startSession(PrimingCalls.mark(EmrServerlessSessionStarter.toRequest(command, TIMEOUT))));
        StartedSession session = new StartedSession("00primingapp00", "00primingsession",
                "arn:aws:emr-serverless:us-east-1:000000000000:/applications/00primingapp00/sessions/00primingsession");
        PrimingCalls.expectStopped(() -> clients.eventBridge().putEvents(PrimingCalls.mark(publisher.request(List.of(
                events.started(read, session),
                events.failed(read, ErrorInfo.of("Priming", "priming only", false), true)), TIMEOUT))));
        // The readiness watch: a first check written, read back and put on a queue, and a look at the session.
        String check = checks.write(new ReadinessCheck(SessionFacts.of(read, session), Instant.EPOCH, 0, null));
        checks.read(check);
        PrimingCalls.expectStopped(() -> clients.sqs().sendMessageBatch(PrimingCalls.mark(SqsCheckScheduler.request(
                PRIMING_QUEUE_URL, List.of(new ScheduledCheck(check, Duration.ofSeconds(10))), TIMEOUT))));
        PrimingCalls.expectStopped(() -> clients.emrServerless().getSession(PrimingCalls.mark(
                EmrServerlessSessionMonitor.request(session.applicationId(), session.sessionId(), TIMEOUT))));
        LOG.info("Primed for SnapStart in {} ms: request reading, outcome events and readiness checks, StartSession, "
                + "PutEvents, SendMessageBatch and GetSession marshalling and signing; nothing was sent",
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: the priming kept no credentials, connections, clocks or random values.
    }
}

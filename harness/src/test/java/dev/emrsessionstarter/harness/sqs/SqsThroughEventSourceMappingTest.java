package dev.emrsessionstarter.harness.sqs;

import dev.emrsessionstarter.testing.QueueSettings;
import dev.emrsessionstarter.wiring.Ports;
import dev.emrsessionstarter.testing.EmulatedAws;
import dev.emrsessionstarter.testing.LocalSqs;
import dev.emrsessionstarter.testing.SqsQueue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.adapter.emr.EmrServerlessSessionStarter;
import dev.emrsessionstarter.adapter.eventbridge.EventBridgeOutcomePublisher;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.port.SessionStarter;
import dev.emrsessionstarter.core.reading.ClientTokens;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.core.retry.RetryPolicy;
import dev.emrsessionstarter.core.retry.Sleeper;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.emr.SessionView;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.entrypoint.SqsSessionRequestHandler;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.TestSettings;
import dev.emrsessionstarter.wiring.FunctionComponents;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** The SQS handler fed by a real queue through the event source mapping harness, against the emulators. */
class SqsThroughEventSourceMappingTest {

    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
    private static LocalSqs sqs;

    private final FunctionFixture function = FunctionFixture.start(TestSettings.sample());

    @BeforeAll
    static void startSqs() {
        sqs = LocalSqs.start();
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
    }

    @AfterEach
    void stopEmulators() {
        function.close();
    }

    /** The test settings' MAX_RECEIVE_COUNT is 3: the queue's redrive policy says the same. */
    private static SqsQueue queue(boolean fifo) {
        String name = "requests" + QUEUES.incrementAndGet();
        return sqs.createQueue((fifo ? QueueSettings.fifo(name) : QueueSettings.standard(name)).maxReceiveCount(3));
    }

    @Test
    void a_crash_mid_batch_redelivers_the_batch_and_the_retry_finds_the_session_the_crash_left_behind() {
        SqsQueue queue = queue(false);
        List<String> ids = List.of(queue.send(named("a")), queue.send(named("b")), queue.send(named("c")));
        AtomicInteger environments = new AtomicInteger();
        // The first environment dies right after its first StartSession call has reached EMR Serverless.
        ExecutionEnvironments lambda = new ExecutionEnvironments(() -> handler(starter ->
                environments.incrementAndGet() == 1 ? CrashingSessionStarter.afterCall(starter, 1) : starter));

        List<BatchInvocation> invocations = EventSourceMapping.builder(queue).build().drain(lambda, DRAIN_LIMIT);

        assertThat(invocations).hasSize(2);
        BatchInvocation crashed = invocations.get(0);
        assertThat(crashed.result()).isEqualTo(BatchInvocation.Result.FUNCTION_ERROR);
        // The processor turns collaborators' RuntimeExceptions into transient failures but lets an Error through.
        assertThat(crashed.error()).satisfiesAnyOf(
                error -> assertThat(error).isInstanceOf(SimulatedCrash.class),
                error -> assertThat(error).hasRootCauseInstanceOf(SimulatedCrash.class));
        assertThat(invocations.get(1).result()).isEqualTo(BatchInvocation.Result.ALL_SUCCEEDED);
        assertThat(invocations.get(1).messages()).extracting(ReceivedMessage::receiveCount).containsOnly(2);
        assertThat(lambda.started()).isEqualTo(2);
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(3);
        assertThat(function.outcomeEvents()).extracting(RecordedEvent::detailType).containsOnly(OutcomeEvents.STARTED);
        assertThat(function.outcomeDetails()).extracting(detail -> detail.get("requestIdentity").textValue())
                .containsExactlyInAnyOrderElementsOf(ids);
        for (JsonNode started : function.outcomeDetails()) {
            assertThat(started.get("clientToken").textValue()).isEqualTo(
                    ClientTokens.derive(started.get("requestIdentity").textValue(), TestSettings.APPLICATION_ID));
        }
    }

    @Test
    void an_exception_from_a_collaborator_is_a_transient_failure_of_its_request_not_of_the_invocation() {
        SqsQueue queue = queue(false);
        String unlucky = queue.send(named("unlucky"));
        AtomicInteger calls = new AtomicInteger();
        // Unlike an Error, a RuntimeException is the function's to handle: the batch is answered.
        SessionStarter throwsOnce = (command, timeout) -> {
            throw new IllegalStateException("a bug in an adapter");
        };

        List<BatchInvocation> invocations = EventSourceMapping.builder(queue).build().drain(handler(starter ->
                (command, timeout) -> calls.incrementAndGet() == 1 ? throwsOnce.start(command, timeout)
                        : starter.start(command, timeout)), DRAIN_LIMIT);

        assertThat(invocations).extracting(BatchInvocation::result).containsExactly(
                BatchInvocation.Result.SOME_FAILED, BatchInvocation.Result.ALL_SUCCEEDED);
        assertThat(invocations.get(0).redelivered()).containsExactly(unlucky);
        assertThat(function.outcomeDetails().get(0).get("error").get("code").textValue()).isEqualTo("InternalError");
        assertThat(function.outcomeDetails().get(1).get("sessionId").isTextual()).isTrue();
    }

    @Test
    void a_fifo_group_is_started_in_order_across_a_transient_failure() {
        SqsQueue queue = queue(true);
        for (String name : List.of("fifo-1", "fifo-2", "fifo-3")) {
            queue.sendToGroup(named(name), "group-1", "dedup-" + name);
        }
        // fifo-2's three in-invocation attempts all fail; fifo-3 must wait for it.
        function.aws().emr().faults(EmrOperation.START_SESSION).failCalls(CallFault.INTERNAL_ERROR, 2, 3, 4);

        List<BatchInvocation> invocations = EventSourceMapping.builder(queue).build()
                .drain(handler(Function.identity()), DRAIN_LIMIT);

        assertThat(invocations.get(0).result()).isEqualTo(BatchInvocation.Result.SOME_FAILED);
        assertThat(invocations.get(0).redelivered()).hasSize(2);
        assertThat(function.aws().emr().sessions(TestSettings.APPLICATION_ID))
                .extracting(session -> session.parameters().get("name").textValue())
                .containsExactly("fifo-1", "fifo-2", "fifo-3");
        assertThat(function.outcomeDetails()).filteredOn(detail -> detail.has("error"))
                .singleElement().satisfies(failure -> {
                    assertThat(failure.get("name").textValue()).isEqualTo("fifo-2");
                    assertThat(failure.get("final").booleanValue()).isFalse();
                });
        assertThat(queue.takeDeadLetters()).isEmpty();
    }

    @Test
    void a_request_that_keeps_failing_ends_in_the_dead_letter_queue_after_a_final_failure_event() {
        SqsQueue queue = queue(false);
        String id = queue.send(named("doomed"));
        function.aws().emr().faults(EmrOperation.START_SESSION).failFraction(1.0, CallFault.THROTTLING);

        EventSourceMapping.builder(queue).build().drain(handler(Function.identity()), DRAIN_LIMIT);

        assertThat(queue.takeDeadLetters()).extracting(message -> message.messageId()).containsExactly(id);
        assertThat(function.outcomeDetails()).extracting(detail -> detail.get("attempt").intValue(),
                detail -> detail.get("final").booleanValue()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, false), org.assertj.core.groups.Tuple.tuple(2, false),
                        org.assertj.core.groups.Tuple.tuple(3, true));
        assertThat(function.aws().emr().sessionsCreated()).isZero();
    }

    @Test
    void two_messages_with_one_idempotency_key_start_one_session() {
        SqsQueue queue = queue(false);
        String body = Requests.valid().put("idempotencyKey", "nightly-2026-11-24").toString();
        queue.send(body);
        queue.send(body);

        EventSourceMapping.builder(queue).build().drain(handler(Function.identity()), DRAIN_LIMIT);

        List<SessionView> sessions = function.aws().emr().sessions(TestSettings.APPLICATION_ID);
        assertThat(sessions).singleElement().extracting(SessionView::clientToken)
                .isEqualTo(ClientTokens.derive("nightly-2026-11-24", TestSettings.APPLICATION_ID));
        assertThat(function.outcomeDetails()).hasSize(2).extracting(detail -> detail.get("sessionId").textValue())
                .containsOnly(sessions.get(0).sessionId());
    }

    private static String named(String name) {
        return Requests.valid().put("name", name).toString();
    }

    /**
     * A fresh handler on the emulators, with clients of its own, its StartSession adapter wrapped as the test wants;
     * closing it (as {@link ExecutionEnvironments} does when it dies) ends its lane threads and its clients.
     */
    private SqsFunction handler(Function<SessionStarter, SessionStarter> wrap) {
        Settings settings = function.settings();
        var clients = function.aws().clients();
        FunctionComponents components = FunctionComponents.assemble(settings,
                withStarter(Ports.of(clients, settings), wrap.apply(new EmrServerlessSessionStarter(
                        clients.emrServerless()))), EmulatedAws.fastTiming(Clock.systemUTC()));
        SqsSessionRequestHandler handler = new SqsSessionRequestHandler(components,
                FunctionFixture.powertoolsMetrics());
        return SqsFunction.closing(handler::handleRequest, handler, clients);
    }

    private static Ports withStarter(Ports ports, SessionStarter starter) {
        return new Ports(starter, ports.publisher(), ports.checks(), ports.sessions(), ports.tasks());
    }
}

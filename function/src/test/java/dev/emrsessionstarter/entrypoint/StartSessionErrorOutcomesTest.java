package dev.emrsessionstarter.entrypoint;

import dev.emrsessionstarter.testing.RetryPolicies;
import dev.emrsessionstarter.wiring.FunctionComponents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.retry.RetryPolicy;
import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way StartSession can answer, and the outcome it leads to on each trigger (docs/contract.md section 4):
 * acknowledged or retried on SQS, returned or thrown on an EventBridge rule, a response or an error type on a direct
 * invoke.
 */
class StartSessionErrorOutcomesTest {

    enum Expected { STARTED, REJECTED, RETRY }

    enum Trigger { SQS, EVENTBRIDGE, DIRECT }

    /** How to make the emulators answer with one error: a change to the world and to the request. */
    record Case(String code, Expected expected, BiConsumer<FunctionFixture, ObjectNode> arrange) {
        @Override
        public String toString() {
            return code;
        }
    }

    private static final RetryPolicy IMPATIENT = RetryPolicies.withAttempts(RetryPolicy.startSessionDefaults(), 2);
    private static final RetryPolicy SHORT_TIMEOUT = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(100));

    private final FunctionFixture function = FunctionFixture.start();

    @AfterEach
    void stop() {
        function.close();
    }

    static List<Case> cases() {
        return List.of(
                new Case("none", Expected.STARTED, (fixture, request) -> { }),
                new Case("ValidationException", Expected.REJECTED, (fixture, request) -> {
                    fixture.aws().emr().addApplication(Application.builder().id("00fkother1").name("no-sessions")
                            .sessionEnabled(false).build());
                    request.put("applicationId", "00fkother1");
                }),
                new Case("ResourceNotFoundException", Expected.REJECTED,
                        (fixture, request) -> request.put("applicationId", "00fkother404")),
                new Case("AccessDeniedException", Expected.REJECTED, (fixture, request) ->
                        fixture.aws().emr().faults(EmrOperation.START_SESSION).failFraction(1.0, CallFault.ACCESS_DENIED)),
                new Case("ConflictException", Expected.RETRY, (fixture, request) -> {
                    fixture.aws().clients().emrServerless().startSession(builder -> builder
                            .applicationId("00fkabc123xyz").clientToken("shared-token")
                            .executionRoleArn(Requests.valid().get("executionRoleArn").textValue()).name("another"));
                    request.put("clientToken", "shared-token");
                }),
                new Case("ServiceQuotaExceededException", Expected.RETRY, (fixture, request) -> {
                    fixture.aws().emr().addApplication(Application.builder().id("00fkother2").name("full")
                            .maxConcurrentSessions(0).build());
                    request.put("applicationId", "00fkother2");
                }),
                new Case("InternalServerException", Expected.RETRY, (fixture, request) ->
                        fixture.aws().emr().faults(EmrOperation.START_SESSION).failFraction(1.0, CallFault.INTERNAL_ERROR)),
                new Case("ThrottlingException", Expected.RETRY, (fixture, request) ->
                        fixture.aws().emr().faults(EmrOperation.START_SESSION).failFraction(1.0, CallFault.THROTTLING)),
                new Case("ConnectionError", Expected.RETRY, (fixture, request) ->
                        fixture.aws().emr().faults(EmrOperation.START_SESSION).failFraction(1.0, CallFault.DROP_CONNECTION)),
                new Case("Timeout", Expected.RETRY, (fixture, request) ->
                        fixture.aws().emr().faults(EmrOperation.START_SESSION).latency(Duration.ofSeconds(2))));
    }

    static Stream<Arguments> casesOnEveryTrigger() {
        List<Arguments> arguments = new ArrayList<>();
        for (Case testCase : cases()) {
            for (Trigger trigger : Trigger.values()) {
                arguments.add(Arguments.of(testCase, trigger));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("casesOnEveryTrigger")
    void each_answer_leads_to_its_outcome(Case testCase, Trigger trigger) {
        ObjectNode request = Requests.valid();
        request.put("idempotencyKey", "key-" + testCase.code());
        testCase.arrange().accept(function, request);
        FunctionComponents components = function.components("Timeout".equals(testCase.code()) ? SHORT_TIMEOUT : IMPATIENT);

        switch (trigger) {
            case SQS -> {
                SQSBatchResponse response = new SqsSessionRequestHandler(components, FunctionFixture.powertoolsMetrics())
                        .handleRequest(SqsEvents.batch(SqsEvents.message("m-1", request.toString())), LocalContext.fresh());
                assertThat(response.getBatchItemFailures()).hasSize(testCase.expected() == Expected.RETRY ? 1 : 0);
            }
            case EVENTBRIDGE -> {
                EventBridgeSessionRequestHandler handler =
                        new EventBridgeSessionRequestHandler(components, FunctionFixture.powertoolsMetrics());
                ScheduledEvent event = ruleEvent(request);
                if (testCase.expected() == Expected.RETRY) {
                    assertThatThrownBy(() -> handler.handleRequest(event, LocalContext.fresh()))
                            .isInstanceOf(SessionStartRetryableException.class)
                            .hasMessageStartingWith(testCase.code() + ": ");
                } else {
                    assertThat(handler.handleRequest(event, LocalContext.fresh())).isNull();
                }
            }
            case DIRECT -> {
                DirectSessionRequestHandler handler =
                        new DirectSessionRequestHandler(components, FunctionFixture.powertoolsMetrics());
                switch (testCase.expected()) {
                    case STARTED -> assertThat(invoke(handler, request).get("sessionId").textValue()).isNotBlank();
                    case REJECTED -> assertThatThrownBy(() -> invoke(handler, request))
                            .isInstanceOf(SessionStartRejectedException.class)
                            .extracting(error -> ((SessionRequestFailedException) error).errorCode())
                            .isEqualTo(testCase.code());
                    case RETRY -> assertThatThrownBy(() -> invoke(handler, request))
                            .isInstanceOf(SessionStartRetryableException.class)
                            .extracting(error -> ((SessionRequestFailedException) error).errorCode())
                            .isEqualTo(testCase.code());
                }
            }
        }

        JsonNode event = function.outcomeDetails().get(function.outcomeDetails().size() - 1);
        if (testCase.expected() == Expected.STARTED) {
            assertThat(function.outcomeEvents().get(0).detailType()).isEqualTo("EMR Serverless Session Started");
        } else {
            assertThat(event.get("error").get("code").textValue()).isEqualTo(testCase.code());
            assertThat(event.get("error").get("retryable").booleanValue())
                    .isEqualTo(testCase.expected() == Expected.RETRY);
            assertThat(event.get("final").booleanValue()).isEqualTo(testCase.expected() == Expected.REJECTED);
        }
    }

    static ScheduledEvent ruleEvent(ObjectNode request) {
        ScheduledEvent event = new ScheduledEvent();
        event.setId("event-1");
        event.setVersion("0");
        event.setDetailType("EMR Serverless Session Request");
        event.setSource("emr-session-starter.requests");
        event.setAccount("123456789012");
        event.setRegion("us-east-1");
        event.setResources(List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = Requests.JSON.convertValue(request, Map.class);
        event.setDetail(detail);
        return event;
    }

    static JsonNode invoke(DirectSessionRequestHandler handler, ObjectNode request) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(request.toString().getBytes(StandardCharsets.UTF_8)), output,
                    LocalContext.fresh());
            return Requests.JSON.readTree(output.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

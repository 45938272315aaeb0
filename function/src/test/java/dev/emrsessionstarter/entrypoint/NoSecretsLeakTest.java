package dev.emrsessionstarter.entrypoint;

import dev.emrsessionstarter.testing.TestSettings;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.testing.WatchFixture;
import dev.emrsessionstarter.testing.TestPorts;
import dev.emrsessionstarter.wiring.Timing;
import dev.emrsessionstarter.wiring.FunctionComponents;
import static dev.emrsessionstarter.testing.Requests.PLANTED_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.adapter.eventbridge.EventBridgeOutcomePublisher;
import dev.emrsessionstarter.core.port.SessionStarter;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.testing.CapturedOutput;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Configuration property values may be credentials. One is planted in requests that end every way a request can end;
 * it must reach EMR Serverless and nothing else: no log line, no metric, no event, no error message.
 */
class NoSecretsLeakTest {

    private final FunctionFixture function = FunctionFixture.start();

    @AfterEach
    void stop() {
        function.close();
    }

    @Test
    void a_planted_secret_reaches_emr_and_nothing_else() {
        function.aws().emr().addApplication(Application.builder().id("00fkother1").name("closed")
                .sessionEnabled(false).build());
        function.aws().emr().faults(EmrOperation.START_SESSION).failCalls(CallFault.INTERNAL_ERROR, 1);
        List<String> errorMessages = new ArrayList<>();

        CapturedOutput output = CapturedOutput.whileRunning(() -> {
            SQSBatchResponse response = function.sqsHandler().handleRequest(SqsEvents.batch(
                    SqsEvents.message("started", Requests.withSecret().toString()),
                    SqsEvents.message("refused-by-emr", Requests.withSecret().put("applicationId", "00fkother1").toString()),
                    SqsEvents.message("invalid", Requests.withSecret().put("idleTimeoutMinutes", -1).toString()),
                    SqsEvents.message("not-allowed", Requests.withSecret()
                            .put("executionRoleArn", "arn:aws:iam::123456789012:role/Admin").toString()),
                    SqsEvents.message("bad-value", withBadSecretValue().toString())), LocalContext.fresh());
            assertThat(response.getBatchItemFailures()).isEmpty();
            errorMessages.addAll(directFailures());
        });

        assertThat(function.aws().emr().startSessionRequestBodies()).as("the secret was really sent")
                .anySatisfy(body -> assertThat(body).contains(PLANTED_SECRET));
        assertThat(output.text()).as("logs and metrics").isNotBlank().doesNotContain(PLANTED_SECRET);
        assertThat(function.aws().events().putEventsRequestBodies()).as("outcome events").isNotEmpty()
                .allSatisfy(body -> assertThat(body).doesNotContain(PLANTED_SECRET));
        assertThat(errorMessages).as("errors thrown to callers").hasSize(3)
                .allSatisfy(message -> assertThat(message).doesNotContain(PLANTED_SECRET));
    }

    @Test
    void an_error_message_that_quotes_a_secret_is_scrubbed_before_it_goes_anywhere() {
        SessionStarter quotingService = (command, timeout) -> new ServiceCall.Failed<>("ValidationException",
                "1 validation error detected: Value '" + PLANTED_SECRET + "' at 'properties' failed", 400, false,
                false);
        FunctionComponents components = FunctionComponents.assemble(function.settings(), TestPorts.of(quotingService,
                new EventBridgeOutcomePublisher(function.aws().clients().eventBridge(), "default",
                        "emr-session-starter")),
                Timing.production());
        DirectSessionRequestHandler handler = new DirectSessionRequestHandler(components,
                FunctionFixture.powertoolsMetrics());

        CapturedOutput.Result<Object> result = CapturedOutput.during(() -> {
            invoke(handler, Requests.withSecret().put("idempotencyKey", "k"));
            return null;
        });

        assertThat(result.thrown()).isInstanceOf(SessionStartRejectedException.class)
                .hasMessageContaining("Value '****' at 'properties' failed")
                .hasMessageNotContaining(PLANTED_SECRET);
        assertThat(result.output().text()).contains("Value '****'").doesNotContain(PLANTED_SECRET);
        assertThat(function.aws().events().putEventsRequestBodies()).singleElement().asString()
                .contains("Value '****'").doesNotContain(PLANTED_SECRET);
    }

    @Test
    void a_planted_task_token_reaches_step_functions_and_nothing_else() {
        try (WatchFixture watch = WatchFixture.start()) {
            String ready = watch.aws().stepFunctions().issueTaskToken();
            String failing = watch.aws().stepFunctions().issueTaskToken();
            String rejected = watch.aws().stepFunctions().issueTaskToken();
            String directlyRejected = watch.aws().stepFunctions().issueTaskToken();
            String unknown = watch.aws().stepFunctions().unissuedTaskToken();
            String tooLong = "T".repeat(2049);
            List<String> tokens = List.of(ready, failing, rejected, directlyRejected, unknown, tooLong);
            List<String> errorMessages = new ArrayList<>();

            CapturedOutput output = CapturedOutput.whileRunning(() -> {
                watch.sqsHandler().handleRequest(SqsEvents.batch(
                        SqsEvents.message("ready", Requests.withSecret().put("name", "ready")
                                .put("taskToken", ready).toString()),
                        SqsEvents.message("failing", Requests.withSecret().put("name", "failing")
                                .put("taskToken", failing).toString()),
                        SqsEvents.message("rejected", Requests.withSecret().put("idleTimeoutMinutes", -1)
                                .put("taskToken", rejected).toString()),
                        SqsEvents.message("unknown", Requests.withSecret().put("name", "unknown")
                                .put("taskToken", unknown).toString()),
                        SqsEvents.message("too-long", Requests.withSecret().put("taskToken", tooLong).toString())),
                        LocalContext.fresh());
                watch.deliverNextCheck();
                String failingSession = watch.details(OutcomeEvents.STARTED).stream()
                        .filter(detail -> detail.get("name").asText().equals("failing")).findFirst().orElseThrow()
                        .get("sessionId").asText();
                watch.aws().emr().failSession(TestSettings.APPLICATION_ID, failingSession, "Insufficient capacity");
                watch.deliverAllChecks(20);
                try {
                    invoke(watch.directHandler(), Requests.withSecret().put("idleTimeoutMinutes", -1)
                            .put("taskToken", directlyRejected).put("idempotencyKey", "exec/State"));
                } catch (SessionRequestFailedException failure) {
                    errorMessages.add(failure.getMessage());
                }
            });

            assertThat(watch.aws().stepFunctions().calls()).as("the tokens were really sent")
                    .extracting(call -> call.taskToken()).contains(ready, failing, rejected, unknown);
            for (String token : tokens) {
                assertThat(output.text()).as("logs and metrics").doesNotContain(token);
                assertThat(watch.aws().events().putEventsRequestBodies()).as("outcome events")
                        .allSatisfy(body -> assertThat(body).doesNotContain(token));
                assertThat(errorMessages).as("errors thrown to callers").hasSize(1)
                        .allSatisfy(message -> assertThat(message).doesNotContain(token));
                assertThat(watch.aws().stepFunctions().calls()).as("causes and outputs sent to Step Functions")
                        .allSatisfy(call -> assertThat(String.valueOf(call.output()) + call.cause() + call.error())
                                .doesNotContain(token));
            }
            assertThat(output.text()).contains("taskToken").doesNotContain(PLANTED_SECRET);
        }
    }

    /** A property whose value breaks a rule (too long) and contains the secret. */
    private static ObjectNode withBadSecretValue() {
        ObjectNode request = Requests.withSecret();
        ((ObjectNode) request.get("configurationOverrides").get("runtimeConfiguration").get(0).get("properties"))
                .put("spark.hadoop.fs.s3a.session.token", PLANTED_SECRET + "x".repeat(1100));
        return request;
    }

    private List<String> directFailures() {
        DirectSessionRequestHandler handler = function.directHandler();
        List<String> messages = new ArrayList<>();
        for (ObjectNode request : List.of(
                Requests.withSecret().put("idleTimeoutMinutes", -1),
                Requests.withSecret().put("applicationId", "00fkother1").put("idempotencyKey", "k2"),
                withBadSecretValue())) {
            try {
                invoke(handler, request);
            } catch (SessionRequestFailedException failure) {
                messages.add(failure.getMessage());
            }
        }
        return messages;
    }

    private static void invoke(DirectSessionRequestHandler handler, ObjectNode request) {
        try {
            handler.handleRequest(new ByteArrayInputStream(request.toString().getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), LocalContext.fresh());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

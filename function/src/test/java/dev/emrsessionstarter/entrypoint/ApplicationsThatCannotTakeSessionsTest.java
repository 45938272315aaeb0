package dev.emrsessionstarter.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.ApplicationState;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.testing.TestSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/contract.md section 4: an application that cannot take sessions is named as the cause, from GetApplication
 * (read once per application and execution environment); with START_STOPPED_APPLICATIONS a stopped application
 * without auto-start is started and the request retried.
 */
class ApplicationsThatCannotTakeSessionsTest {

    private static final String STOPPED = "00fkotherstopped";

    private FunctionFixture function;
    /** One execution environment: it reads an application once. */
    private SqsSessionRequestHandler handler;

    @AfterEach
    void stop() {
        function.close();
    }

    @Test
    void a_stopped_application_without_auto_start_is_named_as_the_cause() {
        start(TestSettings.sample());

        send("m-1");
        send("m-2");

        JsonNode error = function.outcomeDetails().get(0).get("error");
        assertThat(error.get("code").asText()).isEqualTo("ValidationException");
        assertThat(error.get("message").asText()).startsWith("The application cannot take sessions: the application "
                + "is STOPPED and has no auto-start");
        assertThat(error.get("retryable").asBoolean()).isFalse();
        assertThat(function.aws().emr().requestCount(EmrOperation.GET_APPLICATION)).as("read once").isEqualTo(1);
        assertThat(function.aws().emr().requestCount(EmrOperation.START_APPLICATION)).isZero();
    }

    @Test
    void with_the_setting_a_stopped_application_is_started_and_the_request_retried() {
        start(TestSettings.sample().with(Settings.START_STOPPED_APPLICATIONS, "true"));

        assertThat(send("m-1").getBatchItemFailures()).as("handed back for a retry").hasSize(1);
        assertThat(function.aws().emr().requestCount(EmrOperation.START_APPLICATION)).isEqualTo(1);
        assertThat(function.outcomeDetails().get(0).get("error").get("code").asText())
                .isEqualTo("ApplicationStarting");

        function.aws().emr().setApplicationState(STOPPED, ApplicationState.STARTED);
        assertThat(send("m-1").getBatchItemFailures()).as("the redelivery").isEmpty();
        assertThat(function.aws().emr().sessionsCreated()).isEqualTo(1);
    }

    @Test
    void an_application_without_interactive_sessions_is_named_and_never_started() {
        start(TestSettings.sample().with(Settings.START_STOPPED_APPLICATIONS, "true"));
        function.aws().emr().addApplication(Application.builder().id("00fkothernosessions").sessionEnabled(false)
                .build());

        handler.handleRequest(SqsEvents.batch(SqsEvents.message("m-1",
                Requests.valid().put("applicationId", "00fkothernosessions").toString())), LocalContext.fresh());

        assertThat(function.outcomeDetails().get(0).get("error").get("message").asText())
                .contains("interactive sessions are not enabled");
        assertThat(function.aws().emr().requestCount(EmrOperation.START_APPLICATION)).isZero();
    }

    private void start(TestSettings settings) {
        function = FunctionFixture.start(settings);
        handler = function.sqsHandler();
        function.aws().emr().addApplication(Application.builder().id(STOPPED).state(ApplicationState.STOPPED)
                .autoStartEnabled(false).build());
    }

    private com.amazonaws.services.lambda.runtime.events.SQSBatchResponse send(String messageId) {
        return handler.handleRequest(SqsEvents.batch(SqsEvents.message(messageId,
                Requests.valid().put("applicationId", STOPPED).toString())), LocalContext.fresh());
    }
}

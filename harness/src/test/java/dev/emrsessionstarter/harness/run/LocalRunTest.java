package dev.emrsessionstarter.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emrsessionstarter.testing.CapturedOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README's run command: the function on a sample event against the emulators, reported readably. */
class LocalRunTest {

    @ParameterizedTest
    @CsvSource({
        "events/sqs-batch.json,            SQS,              Sessions in EMR Serverless (1)",
        "events/sqs-mixed-batch.json,      SQS,              Sessions in EMR Serverless (3)",
        "events/eventbridge-event.json,    EventBridge rule, Sessions in EMR Serverless (1)",
        "events/scheduler-payload.json,    direct-invoke,    Sessions in EMR Serverless (1)",
        "events/sqs-invalid-request.json,  SQS,              Sessions in EMR Serverless (0)",
    })
    void runs_a_sample_and_reports_sessions_and_events(String file, String trigger, String sessions) {
        String report = CapturedOutput.whileRunning(() -> run(file)).text();

        assertThat(report).contains("Running the " + trigger + " handler on " + file + " against the local emulators.")
                .contains("Handler response:")
                .contains(sessions)
                .contains("Outcome events published (");
    }

    @Test
    void a_thrown_error_is_reported_with_its_type() {
        String report = CapturedOutput.whileRunning(() -> run("--trigger", "direct", "events/sqs-non-json-body.json"))
                .text();
        assertThat(report).contains("The handler threw dev.emrsessionstarter.entrypoint.InvalidSessionRequestException:");
    }

    @Test
    void bad_options_explain_the_usage() {
        assertThatThrownBy(() -> LocalRun.main(new String[] {"--trigger", "kafka"}))
                .hasMessageContaining("usage: LocalRun [--aws]");
    }

    private static void run(String... args) {
        try {
            LocalRun.main(args);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

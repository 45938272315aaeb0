package dev.emrsessionstarter.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.testing.EmulatedAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/**
 * The README's run command: the function on a sample event against the emulators, reported readably, ending with an
 * exit status a script can act on; and every way it refuses to run, each with one line and a status of its own.
 */
class LocalRunTest {

    /** A region and credentials found, as the SDK would find them. */
    private static final AwsAccess FOUND = AwsAccess.of(() -> Region.US_EAST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local")));
    /** Neither found, failing as the SDK's default lookups fail. */
    private static final AwsAccess NOTHING_FOUND = AwsAccess.of(
            () -> {
                throw SdkClientException.create("Unable to load region from any of the providers in the chain");
            },
            () -> {
                throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
            });

    @ParameterizedTest
    @CsvSource({
        "events/sqs-batch.json,            SQS,              Sessions in EMR Serverless (1), 0",
        "events/sqs-mixed-batch.json,      SQS,              Sessions in EMR Serverless (3), 3",
        "events/eventbridge-event.json,    EventBridge rule, Sessions in EMR Serverless (1), 0",
        "events/scheduler-payload.json,    direct-invoke,    Sessions in EMR Serverless (1), 0",
        "events/sqs-invalid-request.json,  SQS,              Sessions in EMR Serverless (0), 3",
    })
    void runs_a_sample_and_reports_sessions_and_events(String file, String trigger, String sessions, int status) {
        Run run = run(file);

        assertThat(run.out()).contains("Running the " + trigger + " handler on " + file
                        + " against the local emulators.")
                .contains("Handler response:")
                .contains(sessions)
                .contains("Outcome events published (")
                .contains("Exit status " + status + " (");
        assertThat(run.status()).isEqualTo(status);
    }

    @Test
    void every_request_started_exits_0_after_the_watch() {
        Run run = run("events/sqs-batch.json");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Readiness events published (1):", "EMR Serverless Session Ready")
                .endsWith("Result: 1 request: 1 started, 0 rejected, 0 to retry. Exit status 0 (started)."
                        + System.lineSeparator());
        assertThat(run.err()).doesNotContain("local run:");
    }

    @Test
    void a_rejected_request_exits_3() {
        Run run = run("events/sqs-invalid-request.json");

        assertThat(run.status()).isEqualTo(ExitCode.REJECTED.status).isEqualTo(3);
        assertThat(run.out()).contains("EMR Serverless Session Start Failed", "InvalidSessionRequest")
                .contains("Result: 1 request: 0 started, 1 rejected, 0 to retry. Exit status 3 (rejected).");
    }

    @Test
    void a_thrown_error_is_reported_with_its_type_and_exits_3() {
        Run run = runWithInput("this is not JSON", "--trigger", "direct", "-");

        assertThat(run.out()).contains("Running the direct-invoke handler on standard input")
                .contains("The handler threw dev.emrsessionstarter.entrypoint.InvalidSessionRequestException:");
        assertThat(run.status()).isEqualTo(3);
    }

    @Test
    void a_request_to_retry_exits_4() {
        Run run = run(Map.of(), FOUND,
                aws -> aws.emr().faults(EmrOperation.START_SESSION).failNext(100, CallFault.INTERNAL_ERROR), "",
                "events/sqs-batch.json");

        assertThat(run.status()).isEqualTo(ExitCode.RETRY.status).isEqualTo(4);
        assertThat(run.out()).contains("(these messages would be delivered again)")
                .contains("Result: 1 request: 0 started, 0 rejected, 1 to retry. Exit status 4 (retry).");
    }

    @Test
    void an_unexpected_failure_of_the_run_exits_1_with_its_stack_trace() {
        Run run = run(Map.of(), FOUND, aws -> {
            throw new IllegalStateException("the emulators broke");
        }, "", "events/sqs-batch.json");

        assertThat(run.status()).isEqualTo(ExitCode.FAILED.status).isEqualTo(1);
        assertThat(run.err()).startsWith("local run: unexpected error: java.lang.IllegalStateException: the emulators "
                + "broke" + System.lineSeparator()).contains("\tat dev.emrsessionstarter.harness.run.LocalRun");
    }

    @Test
    void help_lists_the_options_the_settings_and_every_exit_status() {
        Run run = run("--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("Usage: mvn -q test-compile exec:java@run")
                .contains("--trigger sqs|eventbridge|direct", "--aws", "--help")
                .contains("ALLOWED_APPLICATION_IDS=" + EmulatedAws.APPLICATION_ID,
                        "ALLOWED_EXECUTION_ROLE_ARNS=" + EmulatedAws.ROLE_ARN, "MAX_RECEIVE_COUNT=5")
                .contains("  0  started: every request started", "  1  failed: ", "  2  usage: ",
                        "  3  rejected: ", "  4  retry: ", "  5  configuration: ");
        assertThat(run.err()).isEmpty();
        assertThat(run("events/sqs-batch.json", "-h").out()).isEqualTo(run.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--trigger kafka | --trigger takes sqs, eventbridge or direct, not kafka",
        "--trigger | --trigger needs a value: sqs, eventbridge or direct",
        "--colour red | unknown option --colour (--help lists the options)",
        "events/sqs-batch.json events/scheduler-payload.json"
                + " | one event file at a time, got events/sqs-batch.json and events/scheduler-payload.json",
        "no-such-file.json | no such file: no-such-file.json (relative to ",
        "events | events is a directory, not an event file",
        "--trigger sqs events/scheduler-payload.json | --trigger sqs takes an SQS event ({\"Records\": [...]}), but "
                + "events/scheduler-payload.json is a session request itself (a direct-invoke payload) (leave "
                + "--trigger out, or use --trigger direct)",
        "--trigger eventbridge events/sqs-batch.json | --trigger eventbridge takes an EventBridge event",
        "--trigger direct events/eventbridge-event.json | --trigger direct takes a session request itself",
        "--aws --trigger=sqs events/step-functions-payload.json | --trigger sqs takes an SQS event",
    })
    void a_usage_error_is_one_line_and_exits_2(String args, String message) {
        Run run = run(args.split(" "));

        assertThat(run.status()).isEqualTo(ExitCode.USAGE.status).isEqualTo(2);
        assertThat(run.err()).startsWith("local run: " + message).hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"Records\": []} | standard input holds no SQS records",
        "{\"Records\": [{\"messageId\": \"m1\"}]} | standard input has an SQS record that is not an object with a "
                + "string \"body\"",
        "{\"detail-type\": \"Session Request\", \"id\": \"e1\"} | standard input is an EventBridge event without a "
                + "\"detail\" object",
        "{\"Records\": [1]} | standard input has an SQS record that is not an object",
        "[1, 2] | --trigger sqs takes an SQS event ({\"Records\": [...]}), but standard input is JSON but not an "
                + "object",
    })
    void an_event_lambda_would_never_send_is_refused(String input, String message) {
        Run run = runWithInput(input, input.startsWith("[") ? new String[] {"--trigger", "sqs", "-"}
                : new String[] {"-"});

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("local run: " + message).hasLineCount(1);
    }

    @Test
    void the_functions_own_output_is_not_taken_for_a_request() {
        String outcome = """
                {"version": "0", "id": "b2c3", "detail-type": "EMR Serverless Session Started",
                 "source": "emr-session-starter", "detail": {"sessionId": "00q308ip527t2qo0"}}""";
        String check = """
                {"Records": [{"messageId": "m1", "body": "{\\"sessionId\\": \\"00q308ip527t2qo0\\", \
                \\"startedAt\\": \\"2026-12-01T10:00:00Z\\"}"}]}""";

        Run outcomeRun = runWithInput(outcome, "-");
        Run checkRun = runWithInput(check, "-");

        assertThat(outcomeRun.status()).isEqualTo(2);
        assertThat(outcomeRun.err()).isEqualTo("local run: standard input is an outcome event the function publishes "
                + "(\"EMR Serverless Session Started\"), not a request: run a request sample such as "
                + "events/eventbridge-event.json" + System.lineSeparator());
        assertThat(checkRun.status()).isEqualTo(2);
        assertThat(checkRun.err()).startsWith("local run: standard input holds readiness checks").hasLineCount(1);
    }

    @Test
    void the_allowlist_comes_from_the_environment_when_set() {
        Run refused = run(Map.of("ALLOWED_APPLICATION_IDS", "00fkother"), FOUND, aws -> { }, "",
                "events/sqs-batch.json");
        Run allowed = run(Map.of("ALLOWED_APPLICATION_IDS", "00fk*",
                        "ALLOWED_EXECUTION_ROLE_ARNS", "arn:aws:iam::123456789012:role/*"), FOUND, aws -> { }, "",
                "events/scheduler-payload.json");

        assertThat(refused.out()).contains("Settings from the environment: ALLOWED_APPLICATION_IDS.")
                .contains("SessionRequestNotAllowed").contains("Sessions in EMR Serverless (0)");
        assertThat(refused.status()).isEqualTo(3);
        assertThat(allowed.out()).contains("Settings from the environment: ALLOWED_APPLICATION_IDS, "
                + "ALLOWED_EXECUTION_ROLE_ARNS.").contains("Sessions in EMR Serverless (1)");
        assertThat(allowed.status()).isZero();
    }

    @Test
    void other_settings_come_from_the_environment_too() {
        Run run = run(Map.of("READINESS_WATCH", "false", "EVENT_BUS_NAME", "sessions",
                "EVENT_SOURCE", "team.sessions"), FOUND, aws -> { }, "", "events/scheduler-payload.json");

        assertThat(run.out()).contains("EMR Serverless Session Started (bus sessions, source team.sessions)")
                .contains("No readiness watch: READINESS_WATCH is false.")
                .doesNotContain("Readiness watch (");
        assertThat(run.status()).isZero();
    }

    @Test
    void a_bad_setting_is_a_configuration_error_and_exits_5() {
        Run run = run(Map.of("READINESS_WATCH", "maybe", "READINESS_TIMEOUT_MINUTES", "0"), FOUND, aws -> { }, "",
                "events/sqs-batch.json");

        assertThat(run.status()).isEqualTo(ExitCode.CONFIGURATION.status).isEqualTo(5);
        assertThat(run.err()).isEqualTo("local run: invalid settings: READINESS_WATCH must be true or false; "
                + "READINESS_TIMEOUT_MINUTES must be an integer from 1 to 1440" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aws_without_region_or_credentials_is_a_configuration_error_naming_both() {
        Run run = run(Map.of("AWS_DEFAULT_REGION", "eu-west-1"), NOTHING_FOUND, aws -> { }, "",
                "--aws", "events/step-functions-payload.json");

        assertThat(run.status()).isEqualTo(5);
        assertThat(run.err()).startsWith("local run: --aws found no AWS region: set AWS_REGION (or a region in your "
                        + "profile); AWS_DEFAULT_REGION is set, but the Java SDK reads AWS_REGION; --aws found no AWS "
                        + "credentials: set AWS_PROFILE")
                .contains("or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
                .doesNotContain("ConnectionError", "providers in the chain")
                .hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aws_names_the_missing_settings_before_any_call() {
        Run run = run(Map.of(), FOUND, aws -> { }, "", "--aws", "events/sqs-batch.json");

        assertThat(run.status()).isEqualTo(5);
        assertThat(run.err()).startsWith("local run: invalid settings: ALLOWED_APPLICATION_IDS is required")
                .contains("ALLOWED_EXECUTION_ROLE_ARNS is required", "MAX_RECEIVE_COUNT is required",
                        "WATCH_QUEUE_URL is required")
                .hasLineCount(1);
    }

    /** What one run printed and the status it would exit with. */
    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        return run(Map.of(), FOUND, aws -> { }, "", args);
    }

    private static Run runWithInput(String input, String... args) {
        return run(Map.of(), FOUND, aws -> { }, input, args);
    }

    private static Run run(Map<String, String> environment, AwsAccess awsAccess, Consumer<EmulatedAws> setUp,
                           String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            LocalRun.Console console = new LocalRun.Console(
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), outStream, errStream);
            int status = LocalRun.run(args, console, environment, awsAccess, setUp);
            return new Run(status, out.toString(StandardCharsets.UTF_8), onlyRunLines(err));
        }
    }

    /** Standard error without the function's JSON log and metric lines: what the run itself said. */
    private static String onlyRunLines(ByteArrayOutputStream err) {
        StringBuilder lines = new StringBuilder();
        err.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.startsWith("{"))
                .forEach(line -> lines.append(line).append(System.lineSeparator()));
        return lines.toString();
    }
}

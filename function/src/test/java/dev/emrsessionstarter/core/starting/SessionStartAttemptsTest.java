package dev.emrsessionstarter.core.starting;

import static dev.emrsessionstarter.testing.fakes.ScriptedSessionStarter.Answer.failure;
import static dev.emrsessionstarter.testing.fakes.ScriptedSessionStarter.Answer.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.outcome.StartCall;
import dev.emrsessionstarter.core.reading.ReadRequest;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.fakes.CoreUnderTest;
import dev.emrsessionstarter.testing.fakes.Deliveries;
import dev.emrsessionstarter.testing.fakes.ScriptedSessionStarter.Answer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Retries of StartSession within one invocation: which errors, how often, how long apart. */
class SessionStartAttemptsTest {

    private final CoreUnderTest core = CoreUnderTest.create();
    private final ReadRequest request = core.read(Deliveries.sqs("m-1", Requests.valid()));

    @ParameterizedTest
    @CsvSource({
        "ThrottlingException, 400",
        "TooManyRequestsException, 429",
        "InternalServerException, 500",
        "ServiceUnavailable, 503",
        "Timeout, 0",
        "ConnectionError, 0",
    })
    void brief_transient_errors_are_retried_at_once_with_the_same_token(String code, int status) {
        core.starter().answer(failure(code, status), started());

        RequestOutcome outcome = attempt();

        assertThat(outcome).isInstanceOf(RequestOutcome.Started.class);
        assertThat(core.starter().tokens()).hasSize(2).containsOnly(request.clientToken());
        assertThat(outcome.calls()).extracting(StartCall::errorCode).containsExactly(code, null);
    }

    @ParameterizedTest
    @CsvSource({
        "ServiceQuotaExceededException, 402",
        "ConflictException, 409",
        "ExpiredTokenException, 400",
    })
    void errors_slow_to_clear_go_back_to_the_trigger_without_another_attempt(String code, int status) {
        core.starter().answer(failure(code, status));

        RequestOutcome outcome = attempt();

        assertThat(outcome).asInstanceOf(type(RequestOutcome.RetryLater.class)).satisfies(retry -> {
            assertThat(retry.error().code()).isEqualTo(code);
            assertThat(retry.error().retryable()).isTrue();
        });
        assertThat(core.starter().callCount()).isEqualTo(1);
        assertThat(core.sleeper().waits()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "ValidationException, 400",
        "ResourceNotFoundException, 404",
        "AccessDeniedException, 403",
    })
    void permanent_errors_reject_the_request_after_one_attempt(String code, int status) {
        core.starter().answer(failure(code, status));

        RequestOutcome outcome = attempt();

        assertThat(outcome).asInstanceOf(type(RequestOutcome.Rejected.class)).satisfies(rejected -> {
            assertThat(rejected.error().code()).isEqualTo(code);
            assertThat(rejected.error().retryable()).isFalse();
        });
        assertThat(core.starter().callCount()).isEqualTo(1);
    }

    @Test
    void the_attempt_limit_ends_the_retries_with_the_last_error() {
        core.starter().otherwise(failure("ThrottlingException", 400));

        RequestOutcome outcome = attempt();

        assertThat(core.starter().callCount()).isEqualTo(3);
        assertThat(outcome).asInstanceOf(type(RequestOutcome.RetryLater.class))
                .satisfies(retry -> assertThat(retry.error().code()).isEqualTo("ThrottlingException"));
        assertThat(outcome.calls()).hasSize(3);
    }

    @Test
    void backoff_waits_are_recorded_doubling_from_the_base_delay() {
        core.starter().otherwise(failure("InternalServerException", 500));

        attempt();

        // Three attempts, two waits: 200 ms, then 400 ms (the jitter draws its maximum here).
        assertThat(core.sleeper().waits()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void backoff_waits_are_jittered_below_their_ceiling() {
        CoreUnderTest jittered = CoreUnderTest.builder().jitter(0.25).build();
        jittered.starter().otherwise(failure("InternalServerException", 500));

        jittered.starts().attempt(jittered.read(Deliveries.sqs("m-1", Requests.valid())),
                jittered.deadlineIn(Duration.ofMinutes(1)));

        assertThat(jittered.sleeper().waits()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void no_wait_precedes_the_first_attempt() {
        attempt();

        assertThat(core.starter().callCount()).isEqualTo(1);
        assertThat(core.sleeper().waits()).isEmpty();
    }

    @Test
    void error_messages_are_scrubbed_of_the_request_property_values() {
        ReadRequest withSecret = core.read(Deliveries.sqs("m-2", Requests.withSecret()));
        core.starter().answer(failure("ValidationException", 400,
                "Invalid property value '" + Requests.PLANTED_SECRET + "' for spark.hadoop.fs.s3a.secret.key"));

        RequestOutcome outcome = core.starts().attempt(withSecret, core.deadlineIn(Duration.ofMinutes(1)));

        assertThat(outcome).asInstanceOf(type(RequestOutcome.Rejected.class)).satisfies(rejected -> assertThat(
                rejected.error().message()).doesNotContain(Requests.PLANTED_SECRET).contains("'****'"));
    }

    @Test
    void a_retried_error_message_is_scrubbed_too_and_cut_to_the_model_length() {
        ReadRequest withSecret = core.read(Deliveries.sqs("m-2", Requests.withSecret()));
        core.starter().otherwise(failure("InternalServerException", 500,
                Requests.PLANTED_SECRET + " " + "x".repeat(2000)));

        RequestOutcome outcome = core.starts().attempt(withSecret, core.deadlineIn(Duration.ofMinutes(1)));

        assertThat(outcome).asInstanceOf(type(RequestOutcome.RetryLater.class)).satisfies(retry -> assertThat(
                retry.error().message()).doesNotContain(Requests.PLANTED_SECRET).startsWith("****").hasSize(1024));
    }

    @Test
    void an_invalid_request_is_rejected_without_a_call() {
        ReadRequest invalid = core.read(Deliveries.sqs("m-3", Requests.invalid()));

        RequestOutcome outcome = core.starts().attempt(invalid, core.deadlineIn(Duration.ofMinutes(1)));

        assertThat(outcome).asInstanceOf(type(RequestOutcome.Rejected.class)).satisfies(
                rejected -> assertThat(rejected.error().code()).isEqualTo(ErrorCodes.INVALID_SESSION_REQUEST));
        assertThat(core.starter().callCount()).isZero();
    }

    @Test
    void a_request_outside_the_allowlists_is_rejected_as_not_allowed_without_a_call() {
        ObjectNode body = Requests.valid().put("applicationId", "00fkelsewhere");

        RequestOutcome outcome = core.starts().attempt(core.read(Deliveries.sqs("m-4", body)),
                core.deadlineIn(Duration.ofMinutes(1)));

        assertThat(outcome).asInstanceOf(type(RequestOutcome.Rejected.class)).satisfies(
                rejected -> assertThat(rejected.error().code()).isEqualTo(ErrorCodes.SESSION_REQUEST_NOT_ALLOWED));
        assertThat(core.starter().callCount()).isZero();
    }

    @Test
    void a_bug_in_the_starter_becomes_a_retry_instead_of_failing_the_batch() {
        core.starter().answer(Answer.throwing(new IllegalStateException("bug")));

        RequestOutcome outcome = attempt();

        assertThat(outcome).asInstanceOf(type(RequestOutcome.RetryLater.class))
                .satisfies(retry -> assertThat(retry.error().code()).isEqualTo(ErrorCodes.INTERNAL_ERROR));
    }

    @Test
    void an_interrupted_backoff_stops_the_retries() {
        core.starter().otherwise(failure("ThrottlingException", 400));
        core.sleeper().interruptNextSleep();

        RequestOutcome outcome;
        try {
            outcome = attempt();
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        }

        assertThat(core.starter().callCount()).isEqualTo(1);
        assertThat(outcome).asInstanceOf(type(RequestOutcome.RetryLater.class))
                .satisfies(retry -> assertThat(retry.error().code()).isEqualTo("ThrottlingException"));
    }

    @Test
    void the_command_carries_the_request_as_read() {
        attempt();

        assertThat(core.starter().commands()).singleElement().satisfies(command -> {
            assertThat(command.applicationId()).isEqualTo(request.request().applicationId());
            assertThat(command.executionRoleArn()).isEqualTo(request.request().executionRoleArn());
            assertThat(command.clientToken()).isEqualTo(request.clientToken());
            assertThat(command.name()).isEqualTo("nightly-exploration");
            assertThat(command.idleTimeoutMinutes()).isEqualTo(60L);
            assertThat(command.tags()).containsEntry("team", "analytics");
            assertThat(command.runtimeConfiguration()).isEqualTo(request.request().runtimeConfiguration());
        });
    }

    private RequestOutcome attempt() {
        return core.starts().attempt(request, core.deadlineIn(Duration.ofMinutes(1)));
    }
}

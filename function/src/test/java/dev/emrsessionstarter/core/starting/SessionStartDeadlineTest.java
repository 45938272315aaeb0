package dev.emrsessionstarter.core.starting;

import static dev.emrsessionstarter.testing.fakes.ScriptedSessionStarter.Answer.failure;
import static dev.emrsessionstarter.testing.fakes.ScriptedSessionStarter.Answer.started;
import static dev.emrsessionstarter.testing.fakes.ScriptedSessionStarter.Answer.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.reading.ReadRequest;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.fakes.CoreUnderTest;
import dev.emrsessionstarter.testing.fakes.Deliveries;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * StartSession attempts against the invocation's deadline, with the production policy: attempts of at most 10 s,
 * none shorter than 500 ms, and 5 s (at most a quarter of the invocation) kept back to publish outcome events.
 */
class SessionStartDeadlineTest {

    private final CoreUnderTest core = CoreUnderTest.create();
    private final ReadRequest request = core.read(Deliveries.sqs("m-1", Requests.valid()));

    @Test
    void no_attempt_is_started_without_time_for_it() {
        // 600 ms left: a quarter (150 ms) is kept back, and 450 ms is less than an attempt needs.
        RequestOutcome outcome = core.starts().attempt(request, core.deadlineIn(Duration.ofMillis(600)));

        assertThat(core.starter().callCount()).isZero();
        assertThat(outcome).asInstanceOf(type(RequestOutcome.RetryLater.class)).satisfies(retry -> {
            assertThat(retry.error().code()).isEqualTo(ErrorCodes.INSUFFICIENT_TIME_REMAINING);
            assertThat(retry.error().retryable()).isTrue();
        });
    }

    @Test
    void an_attempt_is_started_when_just_enough_time_is_left() {
        // 700 ms left: 175 ms kept back, 525 ms for the attempt.
        core.starts().attempt(request, core.deadlineIn(Duration.ofMillis(700)));

        assertThat(core.starter().timeouts()).containsExactly(Duration.ofMillis(525));
    }

    @Test
    void an_attempt_is_given_at_most_the_attempt_timeout() {
        core.starts().attempt(request, core.deadlineIn(Duration.ofMinutes(5)));

        assertThat(core.starter().timeouts()).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void each_attempt_leaves_the_reserve_for_publishing() {
        core.starter().answer(failure("InternalServerException", 500).after(Duration.ofSeconds(9)), started());

        core.starts().attempt(request, core.deadlineIn(Duration.ofSeconds(20)));

        // The second attempt has the 11 s left, less the 5 s reserve and the 200 ms backoff.
        assertThat(core.starter().timeouts()).containsExactly(Duration.ofSeconds(10), Duration.ofMillis(5800));
    }

    @Test
    void the_reserve_is_at_most_a_quarter_of_a_short_invocation() {
        core.starts().attempt(request, core.deadlineIn(Duration.ofSeconds(8)));

        // 8 s: 2 s kept back, not 5.
        assertThat(core.starter().timeouts()).containsExactly(Duration.ofSeconds(6));
    }

    @Test
    void a_retry_that_would_not_fit_after_its_backoff_is_not_made_and_the_last_error_stands() {
        core.starter().answer(failure("ThrottlingException", 400).after(Duration.ofMillis(5400)));

        RequestOutcome outcome = core.starts().attempt(request, core.deadlineIn(Duration.ofSeconds(8)));

        // 2.6 s left, less the 2 s reserve and the 200 ms backoff: 400 ms, short of the 500 ms an attempt needs.
        assertThat(core.starter().callCount()).isEqualTo(1);
        assertThat(core.sleeper().waits()).as("no backoff without an attempt after it").isEmpty();
        assertThat(outcome).asInstanceOf(type(RequestOutcome.RetryLater.class))
                .satisfies(retry -> assertThat(retry.error().code()).isEqualTo("ThrottlingException"));
    }

    @Test
    void an_attempt_that_times_out_uses_its_time_and_leaves_none_for_another() {
        core.starter().answer(timeout());

        RequestOutcome outcome = core.starts().attempt(request, core.deadlineIn(Duration.ofSeconds(12)));

        assertThat(core.starter().timeouts()).containsExactly(Duration.ofSeconds(9));
        assertThat(core.clock().elapsed()).isEqualTo(Duration.ofSeconds(9));
        assertThat(outcome).asInstanceOf(type(RequestOutcome.RetryLater.class))
                .satisfies(retry -> assertThat(retry.error().code()).isEqualTo(ErrorCodes.TIMEOUT));
    }

    @Test
    void backoff_uses_the_invocation_time() {
        core.starter().answer(failure("InternalServerException", 500), failure("InternalServerException", 500));

        core.starts().attempt(request, core.deadlineIn(Duration.ofMinutes(1)));

        assertThat(core.clock().elapsed()).isEqualTo(Duration.ofMillis(600));
    }
}

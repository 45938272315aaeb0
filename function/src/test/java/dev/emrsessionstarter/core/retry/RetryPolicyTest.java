package dev.emrsessionstarter.core.retry;

import dev.emrsessionstarter.testing.RetryPolicies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emrsessionstarter.testing.fakes.ManualNanoClock;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = RetryPolicies.withAttempts(RetryPolicy.startSessionDefaults(), 8);
    private final ManualNanoClock clock = new ManualNanoClock();

    @Test
    void backoff_ceilings_double_from_the_base_delay_up_to_the_cap() {
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(retry -> policy.backoff(retry, () -> 1.0)))
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                        Duration.ofMillis(1600), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void full_jitter_draws_anywhere_from_zero_to_the_ceiling() {
        assertThat(policy.backoff(3, () -> 0.0)).isEqualTo(Duration.ZERO);
        assertThat(policy.backoff(3, () -> 0.5)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void a_huge_retry_number_stays_at_the_cap() {
        assertThat(policy.backoff(1_000, () -> 1.0)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void the_next_attempt_gets_what_is_left_after_reserve_and_wait_up_to_the_attempt_timeout() {
        Deadline deadline = Deadline.in(Duration.ofSeconds(12), clock);

        assertThat(policy.nextAttemptTimeout(deadline, Duration.ofSeconds(3), Duration.ofSeconds(1)))
                .contains(Duration.ofSeconds(8));
        assertThat(policy.nextAttemptTimeout(deadline, Duration.ZERO, Duration.ZERO))
                .contains(Duration.ofSeconds(10));
    }

    @Test
    void no_attempt_fits_in_less_than_the_minimum() {
        Deadline deadline = Deadline.in(Duration.ofMillis(499), clock);

        assertThat(policy.nextAttemptTimeout(deadline, Duration.ZERO, Duration.ZERO)).isEmpty();
    }

    @Test
    void the_reserve_is_the_policy_reserve_or_a_quarter_of_the_invocation_whichever_is_less() {
        assertThat(policy.reserveFor(Deadline.in(Duration.ofMinutes(15), clock))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.reserveFor(Deadline.in(Duration.ofSeconds(4), clock))).isEqualTo(Duration.ofSeconds(1));
    }
}

package dev.emrsessionstarter.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emrsessionstarter.testing.fakes.ManualNanoClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private final ManualNanoClock clock = new ManualNanoClock();

    @Test
    void the_remaining_time_runs_down_with_the_clock() {
        Deadline deadline = Deadline.in(Duration.ofSeconds(10), clock);

        clock.advance(Duration.ofMillis(2500));

        assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(7500));
    }

    @Test
    void a_passed_deadline_has_nothing_left_never_less() {
        Deadline deadline = Deadline.in(Duration.ofSeconds(1), clock);

        clock.advance(Duration.ofSeconds(3));

        assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
    }

    @Test
    void the_total_is_what_the_invocation_had_at_the_start() {
        Deadline deadline = Deadline.in(Duration.ofSeconds(10), clock);

        clock.advance(Duration.ofSeconds(4));

        assertThat(deadline.total()).isEqualTo(Duration.ofSeconds(10));
    }
}

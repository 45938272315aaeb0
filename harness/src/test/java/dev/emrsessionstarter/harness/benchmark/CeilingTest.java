package dev.emrsessionstarter.harness.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CeilingTest {

    @Test
    void five_environments_with_batches_of_ten_in_a_quarter_second_start_two_hundred_sessions_a_second() {
        Ceiling ceiling = new Ceiling(5, 10, 0.25);

        assertThat(ceiling.sessionsPerSecond()).isCloseTo(200, within(1e-9));
        assertThat(ceiling.ratio(190)).isCloseTo(0.95, within(1e-9));
    }

    @Test
    void doubling_the_concurrency_doubles_the_ceiling() {
        Ceiling ceiling = new Ceiling(5, 10, 0.2);

        assertThat(ceiling.withConcurrency(10).sessionsPerSecond()).isCloseTo(2 * ceiling.sessionsPerSecond(),
                within(1e-9));
    }

    @Test
    void a_faster_batch_elsewhere_raises_the_ceiling_and_a_slower_one_does_not() {
        Ceiling ceiling = new Ceiling(5, 10, 0.25);

        assertThat(ceiling.fasterBatch(0.2).sessionsPerSecond()).isCloseTo(250, within(1e-9));
        assertThat(ceiling.fasterBatch(0.3).sessionsPerSecond()).isCloseTo(200, within(1e-9));
    }

    @Test
    void a_batch_takes_some_time() {
        assertThatThrownBy(() -> new Ceiling(5, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

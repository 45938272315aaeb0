package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The draw of a {@link StartupPlan}, without an emulator. */
class StartupPlanTest {

    private static final StartupOutcome READY = StartupOutcome.readyAfter(Duration.ofSeconds(40));
    private static final StartupOutcome FAILED = StartupOutcome.failedAfter(Duration.ofSeconds(60));
    private static final StartupOutcome NEVER = StartupOutcome.neverReady();

    private final StartupPlan plan = StartupPlan.seeded(42).with(0.8, READY).with(0.1, FAILED).with(0.1, NEVER);

    @Test
    void the_draw_depends_only_on_the_seed_and_the_client_token() {
        List<String> tokens = tokens(200);
        List<StartupOutcome> forwards = tokens.stream().map(plan::outcomeFor).toList();
        List<StartupOutcome> again = tokens.stream().map(StartupPlan.seeded(42).with(0.8, READY).with(0.1, FAILED)
                .with(0.1, NEVER)::outcomeFor).toList();
        List<StartupOutcome> backwards = new ArrayList<>();
        for (int i = tokens.size() - 1; i >= 0; i--) {
            backwards.add(0, plan.outcomeFor(tokens.get(i)));
        }

        assertThat(again).isEqualTo(forwards);
        assertThat(backwards).isEqualTo(forwards);
    }

    @Test
    void another_seed_draws_differently() {
        StartupPlan other = StartupPlan.seeded(43).with(0.8, READY).with(0.1, FAILED).with(0.1, NEVER);

        assertThat(tokens(200).stream().filter(token -> plan.outcomeFor(token) != other.outcomeFor(token)))
                .isNotEmpty();
    }

    @Test
    void outcomes_come_in_their_probabilities() {
        Map<StartupOutcome, Long> counts = tokens(20_000).stream()
                .collect(Collectors.groupingBy(plan::outcomeFor, Collectors.counting()));

        assertThat(counts.get(READY) / 20_000.0).isCloseTo(0.8, within(0.02));
        assertThat(counts.get(FAILED) / 20_000.0).isCloseTo(0.1, within(0.02));
        assertThat(counts.get(NEVER) / 20_000.0).isCloseTo(0.1, within(0.02));
    }

    @Test
    void always_gives_every_session_the_same_outcome() {
        assertThat(tokens(50).stream().map(StartupPlan.always(NEVER)::outcomeFor)).containsOnly(NEVER);
    }

    @Test
    void probabilities_must_add_up_to_one() {
        StartupPlan short1 = StartupPlan.seeded(1).ready(0.8, Duration.ofSeconds(1)).neverReady(0.1);

        assertThatThrownBy(() -> short1.outcomeFor("t")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("add up to 1");
        assertThatThrownBy(() -> EmrServerlessEmulator.builder().startupPlan(short1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StartupPlan.seeded(1).neverReady(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outcomes_refuse_nonsense() {
        assertThatThrownBy(() -> StartupOutcome.readyAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StartupOutcome.failedAfter(Duration.ZERO, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StartupOutcome.failedAfter(Duration.ZERO, "x".repeat(1025)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> tokens(int count) {
        return IntStream.range(0, count).mapToObj(i -> "token-" + i).toList();
    }
}

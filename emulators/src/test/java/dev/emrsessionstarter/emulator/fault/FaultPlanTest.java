package dev.emrsessionstarter.emulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    private final AtomicInteger calls = new AtomicInteger();
    private final FaultPlan<CallFault> plan = new FaultPlan<>(calls::get, 99);

    @Test
    void fail_next_counts_from_the_calls_so_far() {
        calls.set(4);
        plan.failNext(2, CallFault.THROTTLING);

        assertThat(decide(4, 8)).containsExactly(null, CallFault.THROTTLING, CallFault.THROTTLING, null, null);
    }

    @Test
    void fail_calls_hits_exactly_those_numbers() {
        plan.failCalls(CallFault.INTERNAL_ERROR, 3, 5);

        assertThat(decide(1, 6)).containsExactly(null, null, CallFault.INTERNAL_ERROR, null, CallFault.INTERNAL_ERROR,
                null);
    }

    @Test
    void fractions_are_reproducible_and_restart_with_clear() {
        plan.failFraction(0.5, CallFault.DROP_CONNECTION);
        List<CallFault> first = decide(1, 50);
        plan.clear().failFraction(0.5, CallFault.DROP_CONNECTION);
        List<CallFault> again = decide(1, 50);

        assertThat(again).isEqualTo(first);
        assertThat(first).contains(CallFault.DROP_CONNECTION).containsNull();
    }

    @Test
    void scheduled_faults_win_without_shifting_the_random_sequence() {
        FaultPlan<CallFault> withSchedule = new FaultPlan<CallFault>(calls::get, 99)
                .failFraction(0.5, CallFault.DROP_CONNECTION).failCalls(CallFault.INTERNAL_ERROR, 2);
        plan.failFraction(0.5, CallFault.DROP_CONNECTION);

        List<CallFault> plain = decide(1, 10);
        List<CallFault> scheduled = new ArrayList<>();
        for (int call = 1; call <= 10; call++) {
            scheduled.add(withSchedule.decide(call).orElse(null));
        }

        assertThat(scheduled.get(1)).isEqualTo(CallFault.INTERNAL_ERROR);
        assertThat(scheduled.subList(2, 10)).isEqualTo(plain.subList(2, 10));
    }

    @Test
    void latency_is_kept_and_cleared() {
        plan.latency(Duration.ofMillis(250));
        assertThat(plan.latency()).isEqualTo(Duration.ofMillis(250));
        assertThat(plan.clear().latency()).isZero();
    }

    @Test
    void rejects_nonsense() {
        assertThatThrownBy(() -> plan.failFraction(1.5, CallFault.THROTTLING))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan.failCalls(CallFault.THROTTLING, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan.latency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void specs_parse_into_schedules() {
        assertThat(FaultSpec.parse("StartSession=internal_error@next2"))
                .isEqualTo(new FaultSpec("StartSession", "INTERNAL_ERROR", new FaultSpec.Schedule.Next(2)));
        assertThat(FaultSpec.parse("PutEvents=THROTTLING@p0.25").schedule())
                .isEqualTo(new FaultSpec.Schedule.Fraction(0.25));
        assertThat(FaultSpec.parse("PutEvents.entries=INTERNAL_FAILURE").schedule())
                .isEqualTo(new FaultSpec.Schedule.Fraction(1.0));

        FaultSpec calls35 = FaultSpec.parse("GetSession=DROP_CONNECTION@calls3,5");
        calls35.applyTo(plan, CallFault.DROP_CONNECTION);
        assertThat(decide(1, 5)).containsExactly(null, null, CallFault.DROP_CONNECTION, null,
                CallFault.DROP_CONNECTION);

        assertThatThrownBy(() -> FaultSpec.parse("StartSession")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultSpec.parse("StartSession=THROTTLING@sometimes"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<CallFault> decide(int from, int to) {
        List<CallFault> outcomes = new ArrayList<>();
        for (int call = from; call <= to; call++) {
            Optional<CallFault> fault = plan.decide(call);
            outcomes.add(fault.orElse(null));
        }
        return outcomes;
    }
}

package dev.emrsessionstarter.emulator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Drawn per key, a call's fate depends on the seed, its key and that key's earlier calls, not on arrival order. */
class FaultPlanPerKeyTest {

    private static final List<String> KEYS = List.of("token-a", "token-b", "token-c", "token-d");

    @Test
    void each_key_meets_the_same_faults_whatever_the_interleaving() {
        Map<String, List<CallFault>> inOrder = fates(7, arrivals(false));
        Map<String, List<CallFault>> reversed = fates(7, arrivals(true));

        assertThat(reversed).isEqualTo(inOrder);
        assertThat(inOrder.values()).anyMatch(fates -> fates.contains(CallFault.THROTTLING))
                .anyMatch(fates -> fates.contains(null));
    }

    @Test
    void another_seed_gives_other_faults() {
        assertThat(fates(8, arrivals(false))).isNotEqualTo(fates(7, arrivals(false)));
    }

    @Test
    void the_share_of_faults_follows_the_fraction() {
        FaultPlan<CallFault> plan = new FaultPlan<CallFault>(() -> 0, 11).drawPerKey()
                .failFraction(0.2, CallFault.INTERNAL_ERROR);
        int hits = 0;
        for (int i = 0; i < 20_000; i++) {
            if (plan.decide(i + 1, "token-" + i).isPresent()) {
                hits++;
            }
        }
        assertThat(hits).isBetween(3_700, 4_300);
    }

    @Test
    void scheduled_call_numbers_still_count_every_call() {
        FaultPlan<CallFault> plan = new FaultPlan<CallFault>(() -> 0, 11).drawPerKey()
                .failCalls(CallFault.ACCESS_DENIED, 2);

        assertThat(plan.decide(1, "x")).isEmpty();
        assertThat(plan.decide(2, "y")).contains(CallFault.ACCESS_DENIED);
    }

    /** Ten calls of each key, all keys' calls in turn, or the keys in reverse order one after the other. */
    private static List<String> arrivals(boolean reversed) {
        List<String> calls = new ArrayList<>();
        if (!reversed) {
            for (int round = 0; round < 10; round++) {
                calls.addAll(KEYS);
            }
            return calls;
        }
        for (int k = KEYS.size() - 1; k >= 0; k--) {
            for (int round = 0; round < 10; round++) {
                calls.add(KEYS.get(k));
            }
        }
        return calls;
    }

    private static Map<String, List<CallFault>> fates(long seed, List<String> arrivals) {
        AtomicInteger calls = new AtomicInteger();
        FaultPlan<CallFault> plan = new FaultPlan<CallFault>(calls::get, 1).seed(seed).drawPerKey()
                .failFraction(0.3, CallFault.THROTTLING).failFraction(0.2, CallFault.INTERNAL_ERROR);
        Map<String, List<CallFault>> fates = new HashMap<>();
        for (String key : arrivals) {
            Optional<CallFault> fault = plan.decide(calls.incrementAndGet(), key);
            fates.computeIfAbsent(key, unused -> new ArrayList<>()).add(fault.orElse(null));
        }
        return fates;
    }
}

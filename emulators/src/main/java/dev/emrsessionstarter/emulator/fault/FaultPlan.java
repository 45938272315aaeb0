package dev.emrsessionstarter.emulator.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * The faults configured for one operation (or for the entries of one operation): a fixed added latency, failures on
 * given call numbers, and failures on a fraction of calls drawn from a seeded {@link Random}, so a run is reproducible.
 *
 * <p>Call numbers are 1-based and count every request the emulator received for the operation since it started,
 * faulted ones included; {@link #failNext} is relative to the count when it is called. A scheduled failure wins over
 * a fractional one, but every fractional rule draws on every call anyway, so the random sequence depends only on the
 * call count, not on which other rules exist. Thread-safe.
 *
 * @param <K> the kind of fault, {@link CallFault} or {@link EntryFault}
 */
public final class FaultPlan<K> {

    private final IntSupplier callsSoFar;
    private final long initialSeed;
    private final Map<Integer, K> scheduled = new HashMap<>();
    private final List<FractionRule<K>> fractions = new ArrayList<>();
    private Random random;
    private Duration latency = Duration.ZERO;

    /**
     * @param callsSoFar how many calls the owner has counted so far (for {@link #failNext})
     * @param seed the seed of the fractional rules
     */
    public FaultPlan(IntSupplier callsSoFar, long seed) {
        this.callsSoFar = callsSoFar;
        this.initialSeed = seed;
        this.random = new Random(seed);
    }

    /** Adds this latency to every call, before anything else happens. */
    public synchronized FaultPlan<K> latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latency = latency;
        return this;
    }

    /** The next {@code count} calls fail with {@code fault}. */
    public synchronized FaultPlan<K> failNext(int count, K fault) {
        int first = callsSoFar.getAsInt() + 1;
        for (int call = first; call < first + count; call++) {
            scheduled.put(call, fault);
        }
        return this;
    }

    /** The calls with these 1-based numbers fail with {@code fault}. */
    public synchronized FaultPlan<K> failCalls(K fault, int... callNumbers) {
        for (int callNumber : callNumbers) {
            if (callNumber < 1) {
                throw new IllegalArgumentException("call numbers start at 1: " + callNumber);
            }
            scheduled.put(callNumber, fault);
        }
        return this;
    }

    /** Each call fails with {@code fault} with this probability, drawn from the plan's seeded random. */
    public synchronized FaultPlan<K> failFraction(double fraction, K fault) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be within 0..1: " + fraction);
        }
        fractions.add(new FractionRule<>(fraction, fault));
        return this;
    }

    /** Restarts the random sequence of the fractional rules from {@code seed}. */
    public synchronized FaultPlan<K> seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** Removes every rule and the latency, and restarts the random sequence from the initial seed. */
    public synchronized FaultPlan<K> clear() {
        scheduled.clear();
        fractions.clear();
        latency = Duration.ZERO;
        random = new Random(initialSeed);
        return this;
    }

    public synchronized Duration latency() {
        return latency;
    }

    /** Decides the fate of call number {@code callNumber}. */
    public synchronized Optional<K> decide(int callNumber) {
        K drawn = null;
        for (FractionRule<K> rule : fractions) {
            boolean hit = random.nextDouble() < rule.fraction();
            if (hit && drawn == null) {
                drawn = rule.fault();
            }
        }
        K fixed = scheduled.get(callNumber);
        return Optional.ofNullable(fixed != null ? fixed : drawn);
    }

    private record FractionRule<K>(double fraction, K fault) {
    }
}

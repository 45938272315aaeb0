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
 * call count, not on which other rules exist.
 *
 * <p>Drawn per key ({@link #drawPerKey}), the fractional rules draw instead from a hash of the seed, the key the call
 * carries (a client token, a session id, a task token: see {@link #decide(int, String)}), how many calls with that key
 * came before, and the rule's place: a call's fate then depends on its own history, not on what other calls arrived
 * first, so a run whose calls interleave differently still gives each key the same faults. Scheduled call numbers
 * keep counting every call. Thread-safe.
 *
 * @param <K> the kind of fault, {@link CallFault} or {@link EntryFault}
 */
public final class FaultPlan<K> {

    private final IntSupplier callsSoFar;
    private final long initialSeed;
    private final Map<Integer, K> scheduled = new HashMap<>();
    private final List<FractionRule<K>> fractions = new ArrayList<>();
    private Random random;
    private long seed;
    private boolean perKey;
    private final Map<String, Integer> callsPerKey = new HashMap<>();
    private Duration latency = Duration.ZERO;

    /**
     * @param callsSoFar how many calls the owner has counted so far (for {@link #failNext})
     * @param seed the seed of the fractional rules
     */
    public FaultPlan(IntSupplier callsSoFar, long seed) {
        this.callsSoFar = callsSoFar;
        this.initialSeed = seed;
        this.seed = seed;
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
        this.seed = seed;
        random = new Random(seed);
        callsPerKey.clear();
        return this;
    }

    /**
     * From now on the fractional rules draw per key, from the current seed: call {@code n} with key {@code k} fails as
     * a hash of (seed, k, n, rule) says, whenever it arrives. Calls without a key share the key "".
     */
    public synchronized FaultPlan<K> drawPerKey() {
        perKey = true;
        callsPerKey.clear();
        return this;
    }

    /** Removes every rule and the latency, and restarts the random sequence from the initial seed. */
    public synchronized FaultPlan<K> clear() {
        scheduled.clear();
        fractions.clear();
        latency = Duration.ZERO;
        seed = initialSeed;
        random = new Random(initialSeed);
        perKey = false;
        callsPerKey.clear();
        return this;
    }

    public synchronized Duration latency() {
        return latency;
    }

    /** Decides the fate of call number {@code callNumber}. */
    public synchronized Optional<K> decide(int callNumber) {
        return decide(callNumber, null);
    }

    /**
     * Decides the fate of call number {@code callNumber}, which carries {@code key}. The key matters only when the
     * plan draws per key; otherwise this is {@link #decide(int)}.
     */
    public synchronized Optional<K> decide(int callNumber, String key) {
        K drawn = null;
        long keyHash = 0;
        int keyCall = 0;
        if (perKey) {
            String k = key == null ? "" : key;
            keyCall = callsPerKey.merge(k, 1, Integer::sum);
            keyHash = KeyedDraws.hash(k);
        }
        for (int i = 0; i < fractions.size(); i++) {
            FractionRule<K> rule = fractions.get(i);
            double draw = perKey ? KeyedDraws.unit(seed, keyHash, keyCall, i) : random.nextDouble();
            if (draw < rule.fraction() && drawn == null) {
                drawn = rule.fault();
            }
        }
        K fixed = scheduled.get(callNumber);
        return Optional.ofNullable(fixed != null ? fixed : drawn);
    }

    private record FractionRule<K>(double fraction, K fault) {
    }
}

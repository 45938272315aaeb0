package dev.emrsessionstarter.emulator.emr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A seeded policy that decides how each new session's start-up ends:
 *
 * <pre>{@code
 * StartupPlan.seeded(42)
 *         .ready(0.8, Duration.ofSeconds(40))
 *         .failed(0.1, Duration.ofSeconds(90), "Session failed: not enough capacity.")
 *         .neverReady(0.1)
 * }</pre>
 *
 * The draw for a session depends only on the seed and the session's client token, never on the order in which
 * sessions arrive or on timing: a seeded run replays identically under concurrency, and a retried StartSession (same
 * token) would draw the same outcome anyway. The probabilities must add up to 1. Immutable: each method returns a new
 * plan.
 */
public final class StartupPlan {

    private static final double TOLERANCE = 1e-9;

    private final long seed;
    private final List<Choice> choices;

    private StartupPlan(long seed, List<Choice> choices) {
        this.seed = seed;
        this.choices = List.copyOf(choices);
    }

    /** An empty plan drawing from {@code seed}; add outcomes with their probabilities. */
    public static StartupPlan seeded(long seed) {
        return new StartupPlan(seed, List.of());
    }

    /** Every session gets {@code outcome}. */
    public static StartupPlan always(StartupOutcome outcome) {
        return seeded(0).with(1.0, outcome);
    }

    /** With this probability, STARTED {@code after} creation and IDLE straight away. */
    public StartupPlan ready(double probability, Duration after) {
        return with(probability, StartupOutcome.readyAfter(after));
    }

    /** With this probability, STARTED {@code after} creation and IDLE {@code startedFor} later. */
    public StartupPlan ready(double probability, Duration after, Duration startedFor) {
        return with(probability, StartupOutcome.readyAfter(after, startedFor));
    }

    /** With this probability, FAILED {@code after} creation with {@link StartupOutcome#DEFAULT_FAILURE_DETAILS}. */
    public StartupPlan failed(double probability, Duration after) {
        return with(probability, StartupOutcome.failedAfter(after));
    }

    public StartupPlan failed(double probability, Duration after, String stateDetails) {
        return with(probability, StartupOutcome.failedAfter(after, stateDetails));
    }

    /** With this probability, STARTING for ever. */
    public StartupPlan neverReady(double probability) {
        return with(probability, StartupOutcome.neverReady());
    }

    public StartupPlan with(double probability, StartupOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("a probability is within 0..1: " + probability);
        }
        List<Choice> more = new ArrayList<>(choices);
        more.add(new Choice(probability, outcome));
        return new StartupPlan(seed, more);
    }

    /** The outcome of the session started with {@code clientToken}. */
    public StartupOutcome outcomeFor(String clientToken) {
        requireComplete();
        double draw = uniform(clientToken);
        double cumulative = 0;
        for (Choice choice : choices) {
            cumulative += choice.probability();
            if (draw < cumulative) {
                return choice.outcome();
            }
        }
        // Rounding can leave the last sliver of [0, 1) uncovered.
        return choices.get(choices.size() - 1).outcome();
    }

    /** Fails unless the probabilities add up to 1, so a mistyped plan is caught when it is handed over. */
    StartupPlan requireComplete() {
        double total = choices.stream().mapToDouble(Choice::probability).sum();
        if (choices.isEmpty() || Math.abs(total - 1) > TOLERANCE) {
            throw new IllegalStateException("the probabilities of a start-up plan must add up to 1, not " + total);
        }
        return this;
    }

    /**
     * A number in [0, 1) that depends on nothing but the seed and the token: the first 53 bits of
     * SHA-256(seed, token). A hash rather than a shared {@link java.util.Random}, whose sequence would follow the
     * order of arrival.
     */
    private double uniform(String clientToken) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
            byte[] digest = sha256.digest(clientToken.getBytes(StandardCharsets.UTF_8));
            return (ByteBuffer.wrap(digest).getLong() >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "StartupPlan[seed=" + seed + ", " + choices + "]";
    }

    private record Choice(double probability, StartupOutcome outcome) {
    }
}

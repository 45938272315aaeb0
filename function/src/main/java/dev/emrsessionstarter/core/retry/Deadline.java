package dev.emrsessionstarter.core.retry;

import java.time.Duration;
import java.util.function.LongSupplier;

/** The end of the invocation: Lambda stops the function then, finished or not. */
public final class Deadline {

    private final LongSupplier nanoTime;
    private final long endNanos;
    private final Duration total;

    private Deadline(LongSupplier nanoTime, Duration total) {
        this.nanoTime = nanoTime;
        this.total = total;
        this.endNanos = nanoTime.getAsLong() + total.toNanos();
    }

    public static Deadline in(Duration remaining) {
        return new Deadline(System::nanoTime, remaining);
    }

    public static Deadline in(Duration remaining, LongSupplier nanoTime) {
        return new Deadline(nanoTime, remaining);
    }

    public Duration remaining() {
        long left = endNanos - nanoTime.getAsLong();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** The time the invocation had when this deadline was set. */
    public Duration total() {
        return total;
    }
}

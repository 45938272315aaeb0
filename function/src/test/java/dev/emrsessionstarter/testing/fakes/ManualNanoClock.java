package dev.emrsessionstarter.testing.fakes;

import dev.emrsessionstarter.core.retry.Deadline;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A {@code System::nanoTime} stand-in that only moves when told to: by a test, by {@link RecordingSleeper} when the
 * core waits, or by a scripted call that takes time. Deadlines made with {@link #deadlineIn} run on it.
 */
public final class ManualNanoClock implements LongSupplier {

    /** Any origin will do, as with {@code System.nanoTime}; a large one catches code that assumes zero. */
    private static final long ORIGIN = 1_000_000_000_000L;

    private final AtomicLong nanos = new AtomicLong(ORIGIN);

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards: " + duration);
        }
        nanos.addAndGet(duration.toNanos());
    }

    /** How far the clock has moved since it was made. */
    public Duration elapsed() {
        return Duration.ofNanos(nanos.get() - ORIGIN);
    }

    /** An invocation deadline {@code remaining} from now, on this clock. */
    public Deadline deadlineIn(Duration remaining) {
        return Deadline.in(remaining, this);
    }
}

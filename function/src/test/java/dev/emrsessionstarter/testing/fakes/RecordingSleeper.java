package dev.emrsessionstarter.testing.fakes;

import dev.emrsessionstarter.core.retry.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Sleeper} that returns at once, records every wait and moves the manual clock (if it has one) by it, so
 * that backoff both shows in {@link #waits()} and uses up the invocation's time as a real sleep would.
 */
public final class RecordingSleeper implements Sleeper {

    private final ManualNanoClock clock;
    private final List<Duration> waits = new ArrayList<>();
    private boolean interruptNext;

    /** A sleeper that moves {@code clock}; null for none. */
    public RecordingSleeper(ManualNanoClock clock) {
        this.clock = clock;
    }

    public RecordingSleeper() {
        this(null);
    }

    @Override
    public synchronized void sleep(Duration duration) throws InterruptedException {
        waits.add(duration);
        if (interruptNext) {
            interruptNext = false;
            throw new InterruptedException("interrupted by the test");
        }
        if (clock != null) {
            clock.advance(duration);
        }
    }

    /** The next wait is interrupted (it is still recorded), as when Lambda shuts the runtime down. */
    public synchronized RecordingSleeper interruptNextSleep() {
        interruptNext = true;
        return this;
    }

    /** Every wait asked for, in order. {@link Sleeper#pause} never sleeps for zero, so none is zero. */
    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    public synchronized Duration total() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }
}

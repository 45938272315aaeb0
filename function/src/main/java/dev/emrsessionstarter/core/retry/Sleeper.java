package dev.emrsessionstarter.core.retry;

import java.time.Duration;

/** Waits between attempts. */
@FunctionalInterface
public interface Sleeper {

    Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits before a retry. An interrupted wait restores the thread's interrupt flag and answers false: the caller
     * should stop retrying.
     */
    default boolean pause(Duration wait) {
        if (wait.isZero()) {
            return true;
        }
        try {
            sleep(wait);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

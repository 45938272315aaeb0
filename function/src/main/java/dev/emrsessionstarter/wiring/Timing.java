package dev.emrsessionstarter.wiring;

import dev.emrsessionstarter.core.retry.RetryPolicy;
import dev.emrsessionstarter.core.retry.Sleeper;
import java.time.Clock;

/**
 * How patiently the function retries within an invocation, how it waits between tries, and what time it is: the
 * production defaults, or faster ones where tests and benchmarks must not wait.
 *
 * @param start StartSession retries
 * @param calls every other call: PutEvents, SendMessageBatch, GetSession, TerminateSession, the task callbacks
 */
public record Timing(RetryPolicy start, RetryPolicy calls, Sleeper sleeper, Clock clock) {

    public static Timing production() {
        return new Timing(RetryPolicy.startSessionDefaults(), RetryPolicy.publishDefaults(), Sleeper.THREAD_SLEEP,
                Clock.systemUTC());
    }
}

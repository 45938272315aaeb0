package dev.emrsessionstarter.testing;

import java.time.Duration;

/**
 * How to create a request queue: its name (without {@code .fifo}), whether it is FIFO, its visibility timeout (whole
 * seconds, as SQS takes it) and the redrive policy's {@code maxReceiveCount}.
 */
public record QueueSettings(String name, boolean fifo, Duration visibilityTimeout, int maxReceiveCount) {

    public QueueSettings {
        if (name.endsWith(".fifo")) {
            throw new IllegalArgumentException("name the queue without .fifo; fifo() adds it: " + name);
        }
        if (visibilityTimeout.isNegative() || visibilityTimeout.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("SQS takes a visibility timeout in whole seconds: " + visibilityTimeout);
        }
        if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
            throw new IllegalArgumentException("maxReceiveCount is 1..1000: " + maxReceiveCount);
        }
    }

    /** A standard queue with a one-second visibility timeout, so a failed message is back a second later. */
    public static QueueSettings standard(String name) {
        return new QueueSettings(name, false, Duration.ofSeconds(1), 3);
    }

    public static QueueSettings fifo(String name) {
        return new QueueSettings(name, true, Duration.ofSeconds(1), 3);
    }

    public QueueSettings maxReceiveCount(int count) {
        return new QueueSettings(name, fifo, visibilityTimeout, count);
    }

    public QueueSettings visibilityTimeout(Duration timeout) {
        return new QueueSettings(name, fifo, timeout, maxReceiveCount);
    }
}

package dev.emrsessionstarter.harness.benchmark;

/**
 * The most an SQS event source mapping can deliver: every one of its concurrent invocations busy all the time, each
 * with a full batch, so {@code concurrency × batch size / time per batch} sessions a second. Waiting for the next
 * batch, a half-full batch or a busy CPU all show as a measured rate below it.
 *
 * @param secondsPerBatch the time one invocation takes with a full batch, measured alone (no other invocation
 *     competing for the CPU)
 */
record Ceiling(int concurrency, int batchSize, double secondsPerBatch) {

    Ceiling {
        if (concurrency < 1 || batchSize < 1 || !(secondsPerBatch > 0)) {
            throw new IllegalArgumentException("concurrency and batch size ≥ 1, time per batch > 0: " + concurrency
                    + ", " + batchSize + ", " + secondsPerBatch);
        }
    }

    double sessionsPerSecond() {
        return concurrency * batchSize / secondsPerBatch;
    }

    /** The measured rate as a fraction of the ceiling. */
    double ratio(double measuredPerSecond) {
        return measuredPerSecond / sessionsPerSecond();
    }

    /** The same ceiling, or a higher one if a batch took less time than {@code secondsPerBatch} somewhere else. */
    Ceiling fasterBatch(double otherSecondsPerBatch) {
        return otherSecondsPerBatch < secondsPerBatch ? new Ceiling(concurrency, batchSize, otherSecondsPerBatch)
                : this;
    }

    Ceiling withConcurrency(int other) {
        return new Ceiling(other, batchSize, secondsPerBatch);
    }
}

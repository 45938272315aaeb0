package dev.emrsessionstarter.harness.benchmark;

import com.sun.management.OperatingSystemMXBean;
import dev.emrsessionstarter.harness.sqs.BatchInvocation;
import dev.emrsessionstarter.harness.sqs.EventSourceMapping;
import dev.emrsessionstarter.harness.sqs.ExecutionEnvironments;
import dev.emrsessionstarter.harness.sqs.SqsFunction;
import dev.emrsessionstarter.testing.SqsQueue;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * An event source mapping with {@code ScalingConfig.MaximumConcurrency} N: N pollers on one queue, each with an
 * execution environment of its own (its own instance of the function), each receiving a batch, invoking and settling
 * it, one invocation after the other, all N at once. They stop at a deadline, or, to drain a queue, at the first poll
 * that finds it empty.
 */
final class ConcurrentPollers {

    /**
     * One cycle of a poller, on the {@link System#nanoTime()} scale: receive (from {@code polledNanos}), the function
     * (from {@code startNanos} to {@code endNanos}), then settling the batch (deleting, up to {@code settledNanos}).
     */
    record Invocation(long polledNanos, long startNanos, long endNanos, long settledNanos, int messages,
            int handedBack) {
        /** The function's time: what Lambda would bill. */
        double millis() {
            return Stats.millis(endNanos - startNanos);
        }

        /** The mapping's own time in the cycle: receiving, building the event, deleting. */
        double harnessMillis() {
            return Stats.millis(startNanos - polledNanos + settledNanos - endNanos);
        }
    }

    /**
     * What the pollers did.
     *
     * @param startedAt when the pollers started, on the wall clock (the emulators stamp sessions with it)
     * @param cpuNanos the process's CPU time between the first invocation to end after {@code windowFrom} and the
     *     first to end after {@code windowTo} (all threads: function, emulators, SQS server, pollers), and that span
     */
    record Run(List<Invocation> invocations, long startNanos, Instant startedAt, long endNanos, int receiveCalls,
            int deleteCalls, long cpuNanos, long cpuSpanNanos) {

        int messages() {
            return invocations.stream().mapToInt(Invocation::messages).sum();
        }

        int handedBack() {
            return invocations.stream().mapToInt(Invocation::handedBack).sum();
        }

        /** CPU used over the window, in cores (2.0: both cores of a 2-core machine busy throughout). */
        double cpuCores() {
            return cpuSpanNanos == 0 ? Double.NaN : cpuNanos / (double) cpuSpanNanos;
        }
    }

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final SqsQueue queue;
    private final int environments;
    private final int batchSize;

    ConcurrentPollers(SqsQueue queue, int environments, int batchSize) {
        this.queue = queue;
        this.environments = environments;
        this.batchSize = batchSize;
    }

    /** Polls until {@code length} has passed; CPU is measured from {@code windowFrom} to {@code windowTo}. */
    Run runFor(Supplier<? extends SqsFunction> coldStart, Duration length, Duration windowFrom, Duration windowTo) {
        return run(coldStart, length, windowFrom, windowTo);
    }

    /** Polls until each poller finds the queue empty; CPU is measured over the whole run. */
    Run drain(Supplier<? extends SqsFunction> coldStart) {
        return run(coldStart, null, Duration.ZERO, null);
    }

    private Run run(Supplier<? extends SqsFunction> coldStart, Duration length, Duration windowFrom,
            Duration windowTo) {
        List<Invocation> invocations = Collections.synchronizedList(new ArrayList<>());
        List<EventSourceMapping> mappings = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> pollers = new ArrayList<>();
        long start = System.nanoTime() + Duration.ofMillis(50).toNanos();
        CpuWindow cpu = new CpuWindow(start + windowFrom.toNanos(),
                windowTo == null ? Long.MAX_VALUE : start + windowTo.toNanos());
        for (int i = 0; i < environments; i++) {
            EventSourceMapping mapping = EventSourceMapping.builder(queue).batchSize(batchSize)
                    // A full queue answers at once; a drained one should end the run at once.
                    .pollWait(length == null ? Duration.ZERO : Duration.ofSeconds(1)).build();
            mappings.add(mapping);
            SqsFunction environment = new ExecutionEnvironments(coldStart);
            Thread poller = new Thread(() -> {
                try {
                    go.await();
                    poll(mapping, environment, length == null ? Long.MAX_VALUE : start + length.toNanos(),
                            invocations, cpu);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "poller-" + i);
            pollers.add(poller);
            poller.start();
        }
        Instant startedAt = Instant.now();
        go.countDown();
        for (Thread poller : pollers) {
            try {
                poller.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the pollers ran", e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a poller failed", failure.get());
        }
        cpu.observe(Long.MAX_VALUE);
        return new Run(List.copyOf(invocations), start, startedAt, System.nanoTime(),
                mappings.stream().mapToInt(EventSourceMapping::receiveCalls).sum(),
                mappings.stream().mapToInt(EventSourceMapping::deleteCalls).sum(), cpu.cpuNanos(), cpu.spanNanos());
    }

    private static void poll(EventSourceMapping mapping, SqsFunction environment, long deadline,
            List<Invocation> invocations, CpuWindow cpu) {
        while (System.nanoTime() - deadline < 0) {
            long polled = System.nanoTime();
            long[] times = new long[2];
            BatchInvocation invocation = mapping.pollOnce((event, context) -> {
                times[0] = System.nanoTime();
                try {
                    return environment.handleRequest(event, context);
                } finally {
                    times[1] = System.nanoTime();
                }
            });
            long settled = System.nanoTime();
            if (!invocation.invoked()) {
                if (deadline == Long.MAX_VALUE) {
                    return;
                }
                continue;
            }
            int handedBack = invocation.result() == BatchInvocation.Result.ALL_SUCCEEDED
                    ? 0 : invocation.messages().size() - invocation.deleted().size();
            invocations.add(new Invocation(polled, times[0], times[1], settled, invocation.messages().size(),
                    handedBack));
            cpu.observe(settled);
        }
    }

    /** The process's CPU time between two moments, read by whichever poller passes each moment first. */
    private static final class CpuWindow {
        private final long from;
        private final long to;
        private final AtomicLong cpuAtFrom = new AtomicLong(-1);
        private final AtomicLong nanosAtFrom = new AtomicLong();
        private final AtomicLong cpuAtTo = new AtomicLong(-1);
        private final AtomicLong nanosAtTo = new AtomicLong();

        CpuWindow(long from, long to) {
            this.from = from;
            this.to = to;
        }

        void observe(long now) {
            if (now - from >= 0 && cpuAtFrom.get() < 0) {
                synchronized (this) {
                    if (cpuAtFrom.get() < 0) {
                        nanosAtFrom.set(System.nanoTime());
                        cpuAtFrom.set(OS.getProcessCpuTime());
                    }
                }
            }
            if ((now == Long.MAX_VALUE || now - to >= 0) && cpuAtFrom.get() >= 0 && cpuAtTo.get() < 0) {
                synchronized (this) {
                    if (cpuAtTo.get() < 0) {
                        nanosAtTo.set(System.nanoTime());
                        cpuAtTo.set(OS.getProcessCpuTime());
                    }
                }
            }
        }

        long cpuNanos() {
            return cpuAtTo.get() < 0 ? 0 : cpuAtTo.get() - cpuAtFrom.get();
        }

        long spanNanos() {
            return cpuAtTo.get() < 0 ? 0 : nanosAtTo.get() - nanosAtFrom.get();
        }
    }
}

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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * An event source mapping with {@code ScalingConfig.MaximumConcurrency} N: N execution environments on one queue (each
 * its own instance of the function), each invoked with one batch after the other, all N at once. As Lambda's pollers
 * do, each environment's receiver fetches its next batch while the function works on the current one, and deletions
 * go to threads of their own once an invocation returns, so an environment waits for the mapping only when the queue
 * answers slower than the function. They stop at a deadline, or, to drain a queue, at the first poll that finds it
 * empty.
 */
final class ConcurrentPollers {

    /**
     * One invocation, on the {@link System#nanoTime()} scale: the environment free for it (from {@code freeNanos}: the
     * previous invocation's end), the function (from {@code startNanos} to {@code endNanos}).
     */
    record Invocation(long freeNanos, long startNanos, long endNanos, int messages) {
        /** The function's time: what Lambda would bill. */
        double millis() {
            return Stats.millis(endNanos - startNanos);
        }

        /** How long the environment waited for the mapping: for a batch, and for its event to be built. */
        double harnessMillis() {
            return Stats.millis(startNanos - freeNanos);
        }
    }

    /** What a receiver hands its environment: a batch, or the end of the run. */
    private static final EventSourceMapping.ReceivedBatch END = new EventSourceMapping.ReceivedBatch(List.of());

    /**
     * What the pollers did.
     *
     * @param startedAt when the pollers started, on the wall clock (the emulators stamp sessions with it)
     * @param cpuNanos the process's CPU time between the first invocation to end after {@code windowFrom} and the
     *     first to end after {@code windowTo} (all threads: function, emulators, SQS server, pollers), and that span
     */
    record Run(List<Invocation> invocations, long startNanos, Instant startedAt, long endNanos, int receiveCalls,
            int deleteCalls, int handedBack, long cpuNanos, long cpuSpanNanos) {

        int messages() {
            return invocations.stream().mapToInt(Invocation::messages).sum();
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
        List<ExecutionEnvironments> environmentsRun = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        ExecutorService settlement = Executors.newFixedThreadPool(Math.max(2, environments / 2));
        List<CompletableFuture<BatchInvocation>> settled = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime() + Duration.ofMillis(50).toNanos();
        long deadline = length == null ? Long.MAX_VALUE : start + length.toNanos();
        CpuWindow cpu = new CpuWindow(start + windowFrom.toNanos(),
                windowTo == null ? Long.MAX_VALUE : start + windowTo.toNanos());
        for (int i = 0; i < environments; i++) {
            EventSourceMapping mapping = EventSourceMapping.builder(queue).batchSize(batchSize)
                    // A full queue answers at once; a drained one should end the run at once.
                    .pollWait(length == null ? Duration.ZERO : Duration.ofSeconds(1)).build();
            mappings.add(mapping);
            ExecutionEnvironments environment = new ExecutionEnvironments(coldStart);
            environmentsRun.add(environment);
            // One batch received ahead, no more: what the environment will work on next.
            BlockingQueue<EventSourceMapping.ReceivedBatch> next = new ArrayBlockingQueue<>(1);
            threads.add(thread("receiver-" + i, go, failure, () -> receive(mapping, next, deadline)));
            threads.add(thread("environment-" + i, go, failure, () -> invoke(mapping, environment, next, deadline,
                    settlement, settled, invocations, cpu)));
        }
        Instant startedAt = Instant.now();
        go.countDown();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the pollers ran", e);
            }
        }
        CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new)).join();
        settlement.shutdown();
        environmentsRun.forEach(ExecutionEnvironments::close);
        if (failure.get() != null) {
            throw new IllegalStateException("a poller failed", failure.get());
        }
        cpu.observe(Long.MAX_VALUE);
        return new Run(List.copyOf(invocations), start, startedAt, System.nanoTime(),
                mappings.stream().mapToInt(EventSourceMapping::receiveCalls).sum(),
                mappings.stream().mapToInt(EventSourceMapping::deleteCalls).sum(),
                settled.stream().mapToInt(invocation -> handedBack(invocation.join())).sum(), cpu.cpuNanos(),
                cpu.spanNanos());
    }

    private static Thread thread(String name, CountDownLatch go, AtomicReference<Throwable> failure,
            ThrowingRunnable body) {
        Thread thread = new Thread(() -> {
            try {
                go.await();
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, name);
        thread.start();
        return thread;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Receives batches ahead of the environment until the deadline, or, draining, until the queue is empty. */
    private static void receive(EventSourceMapping mapping, BlockingQueue<EventSourceMapping.ReceivedBatch> next,
            long deadline) throws InterruptedException {
        while (System.nanoTime() - deadline < 0) {
            EventSourceMapping.ReceivedBatch batch = mapping.receive();
            if (batch.isEmpty()) {
                if (deadline == Long.MAX_VALUE) {
                    break;
                }
                continue;
            }
            while (!next.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - deadline >= 0) {
                    return; // received, never invoked: its messages come back after the visibility timeout
                }
            }
        }
        if (deadline == Long.MAX_VALUE) {
            // Draining: the environment takes every batch until this one. With a deadline it stops by itself, and
            // may already have: waiting for room here could then wait for ever.
            next.put(END);
        }
    }

    private static void invoke(EventSourceMapping mapping, SqsFunction environment,
            BlockingQueue<EventSourceMapping.ReceivedBatch> next, long deadline, Executor settlement,
            List<CompletableFuture<BatchInvocation>> settled, List<Invocation> invocations, CpuWindow cpu)
            throws InterruptedException {
        long free = System.nanoTime();
        while (System.nanoTime() - deadline < 0) {
            EventSourceMapping.ReceivedBatch batch = next.poll(50, TimeUnit.MILLISECONDS);
            if (batch == END) {
                return;
            }
            if (batch == null) {
                continue;
            }
            long[] times = new long[2];
            CompletableFuture<BatchInvocation> invocation = mapping.invoke(batch, (event, context) -> {
                times[0] = System.nanoTime();
                try {
                    return environment.handleRequest(event, context);
                } finally {
                    times[1] = System.nanoTime();
                }
            }, settlement);
            settled.add(invocation);
            invocations.add(new Invocation(free, times[0], times[1], batch.messages().size()));
            free = times[1];
            cpu.observe(free);
        }
    }

    /** Messages left on the queue for another delivery: named by the function, or its whole batch on an error. */
    private static int handedBack(BatchInvocation invocation) {
        return invocation.result() == BatchInvocation.Result.ALL_SUCCEEDED ? 0
                : invocation.messages().size() - invocation.deleted().size();
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

package dev.emrsessionstarter.harness.benchmark;

import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fills a queue with valid session requests before a run, so the pollers never wait for a producer and no producer
 * competes with them for the CPU while they are measured. Each message is a new request (its message id is its
 * identity): one new session each.
 */
final class QueueFiller {

    private static final int SENDERS = 4;

    private QueueFiller() {
    }

    static void fill(SqsQueue queue, int messages, String prefix) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Thread sender = new Thread(() -> {
                try {
                    for (int from = next.getAndAdd(10); from < messages; from = next.getAndAdd(10)) {
                        List<String> bodies = new ArrayList<>();
                        for (int i = from; i < Math.min(from + 10, messages); i++) {
                            bodies.add(Requests.valid().put("name", prefix + "-" + i).toString());
                        }
                        queue.sendBatch(bodies);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "filler-" + s);
            senders.add(sender);
            sender.start();
        }
        for (Thread sender : senders) {
            try {
                sender.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while filling the queue", e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("filling the queue failed", failure.get());
        }
    }
}

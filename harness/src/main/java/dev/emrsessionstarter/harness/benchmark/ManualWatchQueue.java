package dev.emrsessionstarter.harness.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.core.port.BatchPublisher;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import dev.emrsessionstarter.emulator.time.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The watch queue played in memory on a manual clock, as SQS delays messages: a check scheduled with a delay becomes
 * visible that long after it was sent, and the event source mapping takes what is visible, up to 10 a batch. Nothing
 * waits: {@link #nextBatch()} moves the clock to the moment the next check is due. Every delay the function chose is
 * kept, by session.
 */
final class ManualWatchQueue implements BatchPublisher<ScheduledCheck> {

    static final int BATCH_SIZE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A check waiting in the queue. */
    record Waiting(Instant visibleAt, long sequence, String messageId, String body) {
    }

    private final ManualClock clock;
    private final PriorityQueue<Waiting> waiting = new PriorityQueue<>(
            Comparator.comparing(Waiting::visibleAt).thenComparingLong(Waiting::sequence));
    private final Map<String, List<Duration>> delaysBySession = new HashMap<>();
    private long sent;
    private int sendCalls;

    ManualWatchQueue(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized List<ServiceCall<String>> send(List<ScheduledCheck> checks, Duration timeout) {
        List<ServiceCall<String>> results = new ArrayList<>(checks.size());
        // As the function's SQS adapter sends them: one SendMessageBatch per ten checks.
        sendCalls += (checks.size() + BATCH_SIZE - 1) / BATCH_SIZE;
        for (ScheduledCheck check : checks) {
            String messageId = "check-" + (++sent);
            waiting.add(new Waiting(clock.instant().plus(check.delay()), sent, messageId, check.body()));
            delaysBySession.computeIfAbsent(sessionId(check.body()), unused -> new ArrayList<>()).add(check.delay());
            results.add(new ServiceCall.Answered<>(messageId));
        }
        return results;
    }

    /** The SendMessageBatch calls the checks sent so far would have taken. */
    synchronized int sendCalls() {
        return sendCalls;
    }

    synchronized boolean isEmpty() {
        return waiting.isEmpty();
    }

    /**
     * The checks visible when the first of them becomes visible (the clock moves there), up to {@value #BATCH_SIZE}:
     * what the next poll of the event source mapping receives.
     */
    synchronized List<Waiting> nextBatch() {
        Instant due = waiting.peek().visibleAt();
        if (due.isAfter(clock.instant())) {
            clock.set(due);
        }
        List<Waiting> batch = new ArrayList<>();
        while (!waiting.isEmpty() && !waiting.peek().visibleAt().isAfter(clock.instant())
                && batch.size() < BATCH_SIZE) {
            batch.add(waiting.poll());
        }
        return batch;
    }

    /** A check the function handed back is visible again after the visibility timeout. */
    synchronized void handBack(Waiting check, Duration visibilityTimeout) {
        waiting.add(new Waiting(clock.instant().plus(visibilityTimeout), check.sequence(), check.messageId(),
                check.body()));
    }

    /** The delays the function chose for the checks of a session, in order (the first one by the request side). */
    synchronized List<Duration> delays(String sessionId) {
        return List.copyOf(delaysBySession.getOrDefault(sessionId, List.of()));
    }

    private static String sessionId(String body) {
        try {
            return JSON.readTree(body).path("sessionId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

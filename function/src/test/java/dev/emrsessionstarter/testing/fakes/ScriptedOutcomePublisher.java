package dev.emrsessionstarter.testing.fakes;

import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.BatchPublisher;
import dev.emrsessionstarter.core.port.ServiceCall;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * An {@link BatchPublisher<OutcomeEvent>} that answers from a script and records every batch it is given.
 *
 * <p>Each call takes the next scripted call ({@link #nextCall} for results entry by entry, {@link #failCalls} for a
 * whole call that fails); entries the script does not cover are delivered. Standing rules ({@link #failEntries}) fail
 * matching entries on every call, before the script is consulted. Delivered events get ids {@code event-1},
 * {@code event-2}, ... in delivery order.
 */
public final class ScriptedOutcomePublisher implements BatchPublisher<OutcomeEvent> {

    private final ManualNanoClock clock;
    private final Deque<ScriptedCall> script = new ArrayDeque<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<List<OutcomeEvent>> batches = new ArrayList<>();
    private final List<Duration> timeouts = new ArrayList<>();
    private final List<OutcomeEvent> delivered = new ArrayList<>();
    private Duration latency = Duration.ZERO;

    /** @param clock moved by {@link #eachCallTakes}; null when calls take no time */
    public ScriptedOutcomePublisher(ManualNanoClock clock) {
        this.clock = clock;
    }

    public ScriptedOutcomePublisher() {
        this(null);
    }

    /** The next call answers these, entry by entry, in the order of its batch; entries beyond them are delivered. */
    public synchronized ScriptedOutcomePublisher nextCall(Entry... entries) {
        script.add(new ScriptedCall(List.of(entries), null));
        return this;
    }

    /** The next {@code calls} calls fail as a whole: every entry of their batch fails with this code. */
    public synchronized ScriptedOutcomePublisher failCalls(int calls, String code, boolean retryable) {
        for (int i = 0; i < calls; i++) {
            script.add(new ScriptedCall(List.of(), Entry.fails(code, retryable)));
        }
        return this;
    }

    /** Every entry that matches, on every call from now on, fails with this code. */
    public synchronized ScriptedOutcomePublisher failEntries(Predicate<OutcomeEvent> which, String code,
            boolean retryable) {
        rules.add(new Rule(which, Entry.fails(code, retryable)));
        return this;
    }

    /** Every call moves the manual clock by this much before it answers. */
    public synchronized ScriptedOutcomePublisher eachCallTakes(Duration latency) {
        this.latency = latency;
        return this;
    }

    @Override
    public synchronized List<ServiceCall<String>> send(List<OutcomeEvent> events, Duration timeout) {
        batches.add(List.copyOf(events));
        timeouts.add(timeout);
        if (clock != null && !latency.isZero()) {
            clock.advance(latency);
        }
        ScriptedCall scripted = script.isEmpty() ? new ScriptedCall(List.of(), null) : script.poll();
        List<ServiceCall<String>> results = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            OutcomeEvent event = events.get(i);
            Entry entry = rules.stream().filter(rule -> rule.which().test(event)).map(Rule::entry).findFirst()
                    .orElse(scripted.entry(i));
            if (entry.code() == null) {
                delivered.add(event);
                results.add(new ServiceCall.Answered<>("event-" + delivered.size()));
            } else {
                results.add(ServiceCall.Failed.of(entry.code(), entry.code() + " (scripted)", entry.retryable()));
            }
        }
        return results;
    }

    /** Every batch given to {@link #publish}, in order: one per call. */
    public synchronized List<List<OutcomeEvent>> batches() {
        return List.copyOf(batches);
    }

    public synchronized int callCount() {
        return batches.size();
    }

    /** The timeout each call was given, in order. */
    public synchronized List<Duration> timeouts() {
        return List.copyOf(timeouts);
    }

    /** Every event delivered, in delivery order. */
    public synchronized List<OutcomeEvent> delivered() {
        return List.copyOf(delivered);
    }

    /** What one entry of a call answers. */
    public record Entry(String code, boolean retryable) {

        public static Entry ok() {
            return new Entry(null, false);
        }

        /** The entry fails inside a successful call (PutEvents' {@code FailedEntryCount}). */
        public static Entry fails(String code, boolean retryable) {
            return new Entry(code, retryable);
        }
    }

    /** @param wholeCall what every entry answers when the call fails as a whole; null otherwise */
    private record ScriptedCall(List<Entry> entries, Entry wholeCall) {
        Entry entry(int index) {
            if (wholeCall != null) {
                return wholeCall;
            }
            return index < entries.size() ? entries.get(index) : Entry.ok();
        }
    }

    private record Rule(Predicate<OutcomeEvent> which, Entry entry) {
    }
}

package dev.emrsessionstarter.emulator.emr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** What the emulator received: a counter per operation (faulted calls included) and the raw StartSession bodies. */
final class EmrRequestLog {

    private final Map<EmrOperation, AtomicInteger> counts = new EnumMap<>(EmrOperation.class);
    private final List<String> startSessionBodies = Collections.synchronizedList(new ArrayList<>());

    EmrRequestLog() {
        for (EmrOperation operation : EmrOperation.values()) {
            counts.put(operation, new AtomicInteger());
        }
    }

    /** Counts a request and returns its 1-based call number for that operation. */
    int record(EmrOperation operation, byte[] body) {
        if (operation == EmrOperation.START_SESSION) {
            startSessionBodies.add(new String(body, StandardCharsets.UTF_8));
        }
        return counts.get(operation).incrementAndGet();
    }

    int count(EmrOperation operation) {
        return counts.get(operation).get();
    }

    List<String> startSessionBodies() {
        return List.copyOf(startSessionBodies);
    }
}

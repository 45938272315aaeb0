package dev.emrsessionstarter.core;

import dev.emrsessionstarter.core.delivery.Delivery;
import dev.emrsessionstarter.core.delivery.ReadRequest;
import dev.emrsessionstarter.core.delivery.RequestReader;
import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.Outcome;
import dev.emrsessionstarter.core.outcome.RequestResult;
import dev.emrsessionstarter.core.retry.Deadline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * The function's one job, whatever the trigger: read each request, start its session with a client token derived from
 * its identity, and publish every outcome, so that each request ends started, rejected or handed back for a retry.
 *
 * <p>The requests of a batch run concurrently in lanes. Requests that must not overlap share a lane and run in order:
 * the messages of one FIFO group (their order must hold), and requests carrying the same client token (the second
 * then finds the first one's session instead of racing it).
 */
public final class SessionRequestProcessor {

    private final RequestReader reader;
    private final SessionStartAttempts starts;
    private final OutcomeReporting reporting;
    private final Executor executor;

    /** @param executor runs the lanes of a batch; its parallelism bounds the concurrent StartSession calls */
    public SessionRequestProcessor(RequestReader reader, SessionStartAttempts starts, OutcomeReporting reporting,
            Executor executor) {
        this.reader = reader;
        this.starts = starts;
        this.reporting = reporting;
        this.executor = executor;
    }

    /** @return one result per delivery, in the order given */
    public List<RequestResult> process(List<Delivery> deliveries, Deadline deadline) {
        Map<String, String> invocationLogFields = MDC.getCopyOfContextMap();
        List<ReadRequest> requests = deliveries.stream().map(reader::read).toList();
        StartOutcome[] started = new StartOutcome[requests.size()];

        List<List<Integer>> lanes = lanes(requests);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            List<Integer> lane = lanes.get(i);
            Runnable work = () -> runLane(lane, requests, started, deadline, invocationLogFields);
            if (i == lanes.size() - 1) {
                work.run(); // the calling thread takes the last lane rather than wait idle
            } else {
                running.add(CompletableFuture.runAsync(work, executor));
            }
        }
        running.forEach(CompletableFuture::join);
        return reporting.report(requests, started, deadline, invocationLogFields);
    }

    /**
     * Standard-queue requests that share a client token share a lane; FIFO messages share their group's lane;
     * everything else runs alone. Lanes keep the order of the batch.
     */
    private static List<List<Integer>> lanes(List<ReadRequest> requests) {
        Map<String, List<Integer>> lanes = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            ReadRequest request = requests.get(i);
            String group = request.delivery().orderingGroup();
            String key;
            if (group != null) {
                key = "group:" + group;
            } else if (request.isValid() && request.clientToken() != null) {
                key = "token:" + request.clientToken();
            } else {
                key = "single:" + i;
            }
            lanes.computeIfAbsent(key, unused -> new ArrayList<>()).add(i);
        }
        return List.copyOf(lanes.values());
    }

    /** Runs a lane's requests in order; in a FIFO group, a failure keeps the rest of the group back untried. */
    private void runLane(List<Integer> lane, List<ReadRequest> requests, StartOutcome[] started, Deadline deadline,
            Map<String, String> invocationLogFields) {
        boolean groupFailed = false;
        for (int index : lane) {
            ReadRequest request = requests.get(index);
            try (RequestLogContext ignored = RequestLogContext.open(invocationLogFields, request)) {
                if (groupFailed) {
                    started[index] = new StartOutcome(new Outcome.Failed(ErrorInfo.of(
                            ErrorCodes.PRECEDING_MESSAGE_FAILED,
                            "an earlier message of this FIFO group failed in the same batch; kept back to hold the order",
                            true)), List.of());
                    continue;
                }
                started[index] = starts.attempt(request, deadline);
                groupFailed = request.delivery().orderingGroup() != null
                        && started[index].outcome() instanceof Outcome.Failed;
            }
        }
    }
}

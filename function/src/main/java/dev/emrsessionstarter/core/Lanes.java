package dev.emrsessionstarter.core;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.reading.ReadRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * How the requests of a batch may overlap. Requests that must not overlap share a lane and run in order: the messages
 * of one FIFO group (their order must hold), and requests carrying the same client token (the second then finds the
 * first one's session instead of racing it). Every other request runs in a lane of its own, concurrently.
 *
 * <p>This is also where a FIFO group's order is kept: once a message of a group fails, the rest of its group in the
 * batch is kept back untried, and delivered again after it.
 */
public final class Lanes {

    private Lanes() {
    }

    /**
     * Starts each request, lane by lane: every lane but the last on the executor, the last on the calling thread
     * (rather than wait idle).
     *
     * @return one outcome per request, in the order given
     */
    public static List<RequestOutcome> run(List<ReadRequest> requests, Function<ReadRequest, RequestOutcome> start,
            Executor executor) {
        RequestOutcome[] outcomes = new RequestOutcome[requests.size()];
        List<List<Integer>> lanes = lanesOf(requests);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            List<Integer> lane = lanes.get(i);
            Runnable work = () -> runLane(lane, requests, start, outcomes);
            if (i == lanes.size() - 1) {
                work.run();
            } else {
                running.add(CompletableFuture.runAsync(work, executor));
            }
        }
        running.forEach(CompletableFuture::join);
        return Arrays.asList(outcomes);
    }

    /**
     * The requests the trigger must deliver again: those that need a retry and, on a FIFO queue, every later message
     * of a group in which one does.
     */
    public static List<RequestOutcome> toDeliverAgain(List<RequestOutcome> outcomes) {
        List<RequestOutcome> again = new ArrayList<>();
        Set<String> failedGroups = new HashSet<>();
        for (RequestOutcome outcome : outcomes) {
            String group = outcome.request().delivery().orderingGroup();
            if (outcome.needsRetry() || (group != null && failedGroups.contains(group))) {
                if (group != null) {
                    failedGroups.add(group);
                }
                again.add(outcome);
            }
        }
        return again;
    }

    /** FIFO messages share their group's lane; standard-queue requests that share a client token share a lane. */
    private static List<List<Integer>> lanesOf(List<ReadRequest> requests) {
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

    private static void runLane(List<Integer> lane, List<ReadRequest> requests,
            Function<ReadRequest, RequestOutcome> start, RequestOutcome[] outcomes) {
        boolean groupFailed = false;
        for (int index : lane) {
            ReadRequest request = requests.get(index);
            if (groupFailed) {
                outcomes[index] = keptBack(request);
                continue;
            }
            outcomes[index] = start.apply(request);
            groupFailed = request.delivery().orderingGroup() != null && outcomes[index].needsRetry();
        }
    }

    private static RequestOutcome keptBack(ReadRequest request) {
        return new RequestOutcome.RetryLater(request, ErrorInfo.of(ErrorCodes.PRECEDING_MESSAGE_FAILED,
                "an earlier message of this FIFO group failed in the same batch; kept back to hold the order", true),
                List.of(), RequestOutcome.EventFate.NONE);
    }
}

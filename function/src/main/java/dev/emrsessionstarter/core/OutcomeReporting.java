package dev.emrsessionstarter.core;

import dev.emrsessionstarter.core.delivery.ReadRequest;
import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.Outcome;
import dev.emrsessionstarter.core.outcome.OutcomeDelivery;
import dev.emrsessionstarter.core.outcome.OutcomeEvents;
import dev.emrsessionstarter.core.outcome.RequestResult;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.PublishResult;
import dev.emrsessionstarter.core.retry.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a batch's start outcomes into outcome events, publishes them together, and settles each request: a started
 * session or a rejection whose event did not get out becomes a transient failure, so the request is tried again.
 */
public final class OutcomeReporting {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeReporting.class);

    private final OutcomeEvents events;
    private final OutcomeDelivery outcomeDelivery;
    private final Integer maxReceiveCount;

    /** @param maxReceiveCount the request queue's maxReceiveCount, to recognise a last attempt; null without a queue */
    public OutcomeReporting(OutcomeEvents events, OutcomeDelivery outcomeDelivery, Integer maxReceiveCount) {
        this.events = events;
        this.outcomeDelivery = outcomeDelivery;
        this.maxReceiveCount = maxReceiveCount;
    }

    /**
     * Publishes all outcome events of the batch in as few calls as possible. A started session or a rejection is
     * only settled once its event is out; a transient failure's event is informative and best effort.
     */
    public List<RequestResult> report(List<ReadRequest> requests, StartOutcome[] attempted, Deadline deadline,
            Map<String, String> invocationLogFields) {
        List<OutcomeEvent> due = new ArrayList<>();
        int[] eventOf = new int[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            OutcomeEvent event = eventFor(requests.get(i), attempted[i].outcome());
            eventOf[i] = event == null ? -1 : due.size();
            if (event != null) {
                due.add(event);
            }
        }
        List<PublishResult> fates = due.isEmpty() ? List.of() : outcomeDelivery.deliver(due, deadline);

        List<RequestResult> results = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            ReadRequest request = requests.get(i);
            PublishResult fate = eventOf[i] < 0 ? null : fates.get(eventOf[i]);
            RequestResult.EventFate eventFate = fate == null ? RequestResult.EventFate.NONE
                    : fate instanceof PublishResult.Delivered ? RequestResult.EventFate.PUBLISHED
                    : RequestResult.EventFate.NOT_PUBLISHED;
            Outcome outcome = attempted[i].outcome();
            try (RequestLogContext ignored = RequestLogContext.open(invocationLogFields, request)) {
                if (fate instanceof PublishResult.Failed failed) {
                    LOG.warn("Outcome event not published: code={} message={}", failed.code(), failed.message());
                    if (!(outcome instanceof Outcome.Failed)) {
                        outcome = new Outcome.Failed(ErrorInfo.of(ErrorCodes.OUTCOME_EVENT_NOT_DELIVERED,
                                "the outcome event could not be published (" + failed.code()
                                        + "); the request will be retried with the same client token", true));
                    }
                }
                logEnd(outcome, isLastAttempt(request));
            }
            results.add(new RequestResult(request, outcome, isLastAttempt(request), attempted[i].attempts(),
                    eventFate));
        }
        return results;
    }

    private OutcomeEvent eventFor(ReadRequest request, Outcome outcome) {
        if (outcome instanceof Outcome.Started started) {
            return events.started(request, started.session());
        }
        if (outcome instanceof Outcome.Rejected rejected) {
            return events.failed(request, rejected.error(), true);
        }
        Outcome.Failed failed = (Outcome.Failed) outcome;
        boolean last = isLastAttempt(request);
        if (!last && ErrorCodes.PRECEDING_MESSAGE_FAILED.equals(failed.error().code())) {
            return null; // not attempted at all: nothing to report until its turn comes
        }
        return events.failed(request, failed.error(), last);
    }

    private static void logEnd(Outcome outcome, boolean lastAttempt) {
        if (outcome instanceof Outcome.Rejected rejected) {
            LOG.warn("Request rejected: code={} message={}", rejected.error().code(), rejected.error().message());
        } else if (outcome instanceof Outcome.Failed failed) {
            if (lastAttempt) {
                LOG.error("Request failed on its last attempt; it goes to the dead-letter queue: code={} message={}",
                        failed.error().code(), failed.error().message());
            } else {
                LOG.warn("Request handed back for a retry: code={} message={}", failed.error().code(),
                        failed.error().message());
            }
        }
    }

    private boolean isLastAttempt(ReadRequest request) {
        Integer attempt = request.delivery().attempt();
        return maxReceiveCount != null && attempt != null && attempt >= maxReceiveCount;
    }
}

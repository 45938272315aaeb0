package dev.emrsessionstarter.core.reporting;

import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.RequestOutcome.EventFate;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.retry.BatchSender;
import dev.emrsessionstarter.core.retry.Deadline;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outcome events of a batch together and settles each request: a started session or a rejection is
 * only done once its event is out, otherwise it is tried again. A retry's own event is informative and best effort.
 */
public final class OutcomeReporting {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeReporting.class);

    private final OutcomeEvents events;
    private final BatchSender<OutcomeEvent> publisher;

    public OutcomeReporting(OutcomeEvents events, BatchSender<OutcomeEvent> publisher) {
        this.events = events;
        this.publisher = publisher;
    }

    /** @return each outcome settled, in the order given */
    public List<RequestOutcome> report(List<RequestOutcome> outcomes, Deadline deadline,
            Map<String, String> invocationLogFields) {
        List<OutcomeEvent> events = outcomes.stream().map(this::eventFor).toList();
        List<OutcomeEvent> due = events.stream().filter(Objects::nonNull).toList();
        Iterator<ServiceCall<String>> fates = (due.isEmpty() ? List.<ServiceCall<String>>of()
                : publisher.send(due, deadline)).iterator();
        List<RequestOutcome> settled = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            ServiceCall<String> fate = events.get(i) == null ? null : fates.next();
            try (RequestLogContext ignored = RequestLogContext.open(invocationLogFields, outcomes.get(i).request())) {
                RequestOutcome outcome = settle(outcomes.get(i), fate);
                logEnd(outcome);
                settled.add(outcome);
            }
        }
        return settled;
    }

    /**
     * A started request whose readiness check did not get onto the watch queue on its last delivery goes to the
     * dead-letter queue: its final failure event follows its Started event, so no consumer waits for a readiness event
     * that will not come. Every other outcome is already reported.
     *
     * @return each outcome, in the order given
     */
    public List<RequestOutcome> reportLastAttempts(List<RequestOutcome> outcomes, Deadline deadline,
            Map<String, String> invocationLogFields) {
        List<RequestOutcome> unwatched = outcomes.stream().filter(OutcomeReporting::unwatchedOnLastAttempt).toList();
        if (unwatched.isEmpty()) {
            return outcomes;
        }
        Iterator<RequestOutcome> reported = report(unwatched, deadline, invocationLogFields).iterator();
        return outcomes.stream().map(outcome -> unwatchedOnLastAttempt(outcome) ? reported.next() : outcome)
                .toList();
    }

    private static boolean unwatchedOnLastAttempt(RequestOutcome outcome) {
        return outcome instanceof RequestOutcome.RetryLater retry && retry.lastAttempt()
                && ErrorCodes.READINESS_CHECK_NOT_SCHEDULED.equals(retry.error().code());
    }

    private OutcomeEvent eventFor(RequestOutcome outcome) {
        if (outcome instanceof RequestOutcome.Started started) {
            return events.started(started.request(), started.session());
        }
        if (outcome instanceof RequestOutcome.Terminated terminated) {
            return events.terminated(terminated.request(), terminated.state());
        }
        if (outcome instanceof RequestOutcome.Rejected rejected) {
            return events.failed(rejected.request(), rejected.error(), true);
        }
        RequestOutcome.RetryLater retry = (RequestOutcome.RetryLater) outcome;
        if (retry.keptBack() && !retry.lastAttempt()) {
            return null; // never attempted: nothing to report until its turn comes
        }
        return events.failed(retry.request(), retry.error(), retry.lastAttempt());
    }

    private static RequestOutcome settle(RequestOutcome outcome, ServiceCall<String> fate) {
        if (fate == null) {
            return outcome;
        }
        if (fate instanceof ServiceCall.Answered) {
            return outcome.withEvent(EventFate.PUBLISHED);
        }
        ServiceCall.Failed<String> failed = (ServiceCall.Failed<String>) fate;
        LOG.warn("Outcome event not published: code={} message={}", failed.code(), failed.message());
        if (outcome instanceof RequestOutcome.RetryLater) {
            return outcome.withEvent(EventFate.NOT_PUBLISHED);
        }
        return new RequestOutcome.RetryLater(outcome.request(), ErrorInfo.of(ErrorCodes.OUTCOME_EVENT_NOT_DELIVERED,
                "the outcome event could not be published (" + failed.code()
                        + "); the request will be retried with the same client token", true),
                outcome.calls(), EventFate.NOT_PUBLISHED);
    }

    private static void logEnd(RequestOutcome outcome) {
        if (outcome instanceof RequestOutcome.Rejected rejected) {
            LOG.warn("Request rejected: code={} message={}", rejected.error().code(), rejected.error().message());
        } else if (outcome instanceof RequestOutcome.RetryLater retry) {
            if (retry.lastAttempt()) {
                LOG.error("Request failed on its last attempt; it goes to the dead-letter queue: code={} message={}",
                        retry.error().code(), retry.error().message());
            } else {
                LOG.warn("Request handed back for a retry: code={} message={}", retry.error().code(),
                        retry.error().message());
            }
        }
    }
}

package dev.emrsessionstarter.core;

import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.core.reading.ReadRequest;
import dev.emrsessionstarter.core.reading.RequestReader;
import dev.emrsessionstarter.core.reporting.OutcomeReporting;
import dev.emrsessionstarter.core.retry.Deadline;
import dev.emrsessionstarter.core.starting.SessionStartAttempts;
import dev.emrsessionstarter.core.starting.SessionTerminations;
import dev.emrsessionstarter.core.watching.WatchHandoff;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * The function's one job, whatever the trigger: read each request, start its session with a client token derived from
 * its identity (or end the session a terminate request names), report every outcome, and hand each started session
 * on to its readiness watch, so that each request ends started (or terminated), rejected or handed back for a retry.
 * The requests of a batch start concurrently, in {@link Lanes}.
 */
public final class SessionRequestProcessor {

    private final RequestReader reader;
    private final SessionStartAttempts starts;
    private final SessionTerminations terminations;
    private final OutcomeReporting reporting;
    private final WatchHandoff handoff;
    private final Executor executor;

    /** @param executor runs the lanes of a batch; its parallelism bounds the concurrent StartSession calls */
    public SessionRequestProcessor(RequestReader reader, SessionStartAttempts starts,
            SessionTerminations terminations, OutcomeReporting reporting, WatchHandoff handoff, Executor executor) {
        this.reader = reader;
        this.starts = starts;
        this.terminations = terminations;
        this.reporting = reporting;
        this.handoff = handoff;
        this.executor = executor;
    }

    /** @return one outcome per delivery, in the order given */
    public List<RequestOutcome> process(List<Delivery> deliveries, Deadline deadline) {
        Map<String, String> invocationLogFields = MDC.getCopyOfContextMap();
        List<ReadRequest> requests = deliveries.stream().map(reader::read).toList();
        List<RequestOutcome> started = Lanes.run(requests, request -> {
            try (RequestLogContext ignored = RequestLogContext.open(invocationLogFields, request)) {
                return request.isValid() && request.request().terminates()
                        ? terminations.terminate(request, deadline) : starts.attempt(request, deadline);
            }
        }, executor);
        List<RequestOutcome> reported = reporting.report(started, deadline, invocationLogFields);
        List<RequestOutcome> watched = handoff.scheduleFirstChecks(reported, deadline, invocationLogFields);
        List<RequestOutcome> settled = reporting.reportLastAttempts(watched, deadline, invocationLogFields);
        return handoff.completeTasks(settled, deadline, invocationLogFields);
    }
}

package dev.emrsessionstarter.core;

import dev.emrsessionstarter.core.delivery.Delivery;
import dev.emrsessionstarter.core.delivery.ReadRequest;
import dev.emrsessionstarter.core.delivery.RequestReader;
import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.core.outcome.AttemptRecord;
import dev.emrsessionstarter.core.outcome.ErrorClassifier;
import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.Outcome;
import dev.emrsessionstarter.core.outcome.OutcomeDelivery;
import dev.emrsessionstarter.core.outcome.OutcomeEvents;
import dev.emrsessionstarter.core.outcome.RequestResult;
import dev.emrsessionstarter.core.outcome.SecretScrubber;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.PublishResult;
import dev.emrsessionstarter.core.port.SessionStarter;
import dev.emrsessionstarter.core.port.StartAttempt;
import dev.emrsessionstarter.core.port.StartSessionCommand;
import dev.emrsessionstarter.core.request.SessionRequest;
import dev.emrsessionstarter.core.request.Violation;
import dev.emrsessionstarter.core.retry.Deadline;
import dev.emrsessionstarter.core.retry.RetryPolicy;
import dev.emrsessionstarter.core.retry.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger LOG = LoggerFactory.getLogger(SessionRequestProcessor.class);

    private final RequestReader reader;
    private final SessionStarter starter;
    private final OutcomeEvents events;
    private final OutcomeDelivery outcomeDelivery;
    private final RetryPolicy startPolicy;
    private final Executor executor;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final Integer maxReceiveCount;

    /**
     * @param executor runs the lanes of a batch; its parallelism bounds the concurrent StartSession calls
     * @param maxReceiveCount the request queue's maxReceiveCount, to recognise a last attempt; null without a queue
     */
    public SessionRequestProcessor(RequestReader reader, SessionStarter starter, OutcomeEvents events,
            OutcomeDelivery outcomeDelivery, RetryPolicy startPolicy, Executor executor, Sleeper sleeper,
            DoubleSupplier jitter, Integer maxReceiveCount) {
        this.reader = reader;
        this.starter = starter;
        this.events = events;
        this.outcomeDelivery = outcomeDelivery;
        this.startPolicy = startPolicy;
        this.executor = executor;
        this.sleeper = sleeper;
        this.jitter = jitter;
        this.maxReceiveCount = maxReceiveCount;
    }

    /** @return one result per delivery, in the order given */
    public List<RequestResult> process(List<Delivery> deliveries, Deadline deadline) {
        Map<String, String> invocationLogFields = MDC.getCopyOfContextMap();
        List<ReadRequest> requests = deliveries.stream().map(reader::read).toList();
        Attempted[] attempted = new Attempted[requests.size()];

        List<List<Integer>> lanes = lanes(requests);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            List<Integer> lane = lanes.get(i);
            Runnable work = () -> runLane(lane, requests, attempted, deadline, invocationLogFields);
            if (i == lanes.size() - 1) {
                work.run(); // the calling thread takes the last lane rather than wait idle
            } else {
                running.add(CompletableFuture.runAsync(work, executor));
            }
        }
        running.forEach(CompletableFuture::join);
        return publishOutcomes(requests, attempted, deadline, invocationLogFields);
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

    private void runLane(List<Integer> lane, List<ReadRequest> requests, Attempted[] attempted, Deadline deadline,
            Map<String, String> invocationLogFields) {
        boolean groupFailed = false;
        for (int index : lane) {
            ReadRequest request = requests.get(index);
            try (RequestLogContext ignored = RequestLogContext.open(invocationLogFields, request)) {
                if (groupFailed) {
                    attempted[index] = new Attempted(new Outcome.Failed(ErrorInfo.of(ErrorCodes.PRECEDING_MESSAGE_FAILED,
                            "an earlier message of this FIFO group failed in the same batch; kept back to hold the order",
                            true)), List.of());
                    continue;
                }
                attempted[index] = attempt(request, deadline);
                groupFailed = request.delivery().orderingGroup() != null
                        && attempted[index].outcome() instanceof Outcome.Failed;
            }
        }
    }

    private Attempted attempt(ReadRequest request, Deadline deadline) {
        if (!request.isValid()) {
            return new Attempted(new Outcome.Rejected(invalid(request)), List.of());
        }
        try {
            return startWithRetries(request, deadline);
        } catch (RuntimeException bug) {
            LOG.error("Unexpected failure while starting the session; the request will be retried", bug);
            return new Attempted(new Outcome.Failed(ErrorInfo.of(ErrorCodes.INTERNAL_ERROR,
                    "unexpected failure inside the function (" + bug.getClass().getSimpleName() + ")", true)),
                    List.of());
        }
    }

    private static ErrorInfo invalid(ReadRequest request) {
        if (request.violationCount() == 0) {
            return new ErrorInfo(ErrorCodes.SESSION_REQUEST_NOT_ALLOWED,
                    describe("The request is not allowed", request.refusals(), request.refusals().size()), false,
                    request.refusals(), request.refusals().size());
        }
        List<Violation> all = new ArrayList<>(request.violations());
        all.addAll(request.refusals());
        int count = request.violationCount() + request.refusals().size();
        return new ErrorInfo(ErrorCodes.INVALID_SESSION_REQUEST, describe("The request is invalid", all, count),
                false, all, count);
    }

    private static String describe(String headline, List<Violation> violations, int count) {
        String listed = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
        String more = count > violations.size() ? "; and " + (count - violations.size()) + " more" : "";
        return headline + " (" + count + (count == 1 ? " problem" : " problems") + "): " + listed + more;
    }

    private Attempted startWithRetries(ReadRequest request, Deadline deadline) {
        StartSessionCommand command = command(request);
        SecretScrubber scrubber = SecretScrubber.forConfigurations(command.runtimeConfiguration());
        Duration reserve = startPolicy.reserveFor(deadline);
        List<AttemptRecord> attempts = new ArrayList<>();
        ErrorInfo lastError = null;
        Duration wait = Duration.ZERO;
        for (int attempt = 1; attempt <= startPolicy.maxAttempts(); attempt++) {
            Optional<Duration> timeout = startPolicy.nextAttemptTimeout(deadline, reserve, wait);
            if (timeout.isEmpty()) {
                ErrorInfo outOfTime = lastError != null ? lastError : ErrorInfo.of(
                        ErrorCodes.INSUFFICIENT_TIME_REMAINING, "too little of the invocation was left to call StartSession",
                        true);
                LOG.warn("No time left for another StartSession attempt; handing the request back for a retry");
                return new Attempted(new Outcome.Failed(outOfTime), attempts);
            }
            if (!pause(wait)) {
                return new Attempted(new Outcome.Failed(lastError), attempts);
            }
            long started = System.nanoTime();
            StartAttempt result = starter.start(command, timeout.get());
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            if (result instanceof StartAttempt.Started success) {
                attempts.add(new AttemptRecord(latency, null));
                LOG.info("Session started: sessionId={} attempt={} latencyMs={}",
                        success.session().sessionId(), attempt, latency.toMillis());
                return new Attempted(new Outcome.Started(success.session()), attempts);
            }
            StartAttempt.Failed failure = (StartAttempt.Failed) result;
            attempts.add(new AttemptRecord(latency, failure.code()));
            String message = scrubber.scrub(failure.message());
            ErrorClassifier.Action action = ErrorClassifier.classify(failure.code(), failure.httpStatus());
            switch (action) {
                case REJECT -> {
                    LOG.warn("StartSession refused the request for good: code={} status={} message={}",
                            failure.code(), failure.httpStatus(), message);
                    return new Attempted(new Outcome.Rejected(ErrorInfo.of(failure.code(), message, false)), attempts);
                }
                case RETRY_LATER -> {
                    LOG.warn("StartSession failed; the trigger will retry later: code={} status={} message={}",
                            failure.code(), failure.httpStatus(), message);
                    return new Attempted(new Outcome.Failed(ErrorInfo.of(failure.code(), message, true)), attempts);
                }
                case RETRY_NOW -> {
                    LOG.warn("StartSession attempt {} of {} failed: code={} status={} message={}", attempt,
                            startPolicy.maxAttempts(), failure.code(), failure.httpStatus(), message);
                    lastError = ErrorInfo.of(failure.code(), message, true);
                    wait = startPolicy.backoff(attempt, jitter);
                }
            }
        }
        return new Attempted(new Outcome.Failed(lastError), attempts);
    }

    private static StartSessionCommand command(ReadRequest read) {
        SessionRequest request = read.request();
        return new StartSessionCommand(request.applicationId(), read.clientToken(), request.executionRoleArn(),
                request.name(), request.idleTimeoutMinutes(), request.runtimeConfiguration(), request.tags());
    }

    private boolean pause(Duration wait) {
        if (wait.isZero()) {
            return true;
        }
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Publishes all outcome events of the batch in as few calls as possible. A started session or a rejection is
     * only settled once its event is out; a transient failure's event is informative and best effort.
     */
    private List<RequestResult> publishOutcomes(List<ReadRequest> requests, Attempted[] attempted, Deadline deadline,
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

    /** What the StartSession phase produced for one request. */
    private record Attempted(Outcome outcome, List<AttemptRecord> attempts) {
    }
}

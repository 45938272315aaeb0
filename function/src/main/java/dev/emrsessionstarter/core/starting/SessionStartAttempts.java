package dev.emrsessionstarter.core.starting;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.RequestOutcome.EventFate;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.outcome.StartCall;
import dev.emrsessionstarter.core.port.SessionStarter;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.StartedSession;
import dev.emrsessionstarter.core.port.StartSessionCommand;
import dev.emrsessionstarter.core.reading.ReadRequest;
import dev.emrsessionstarter.core.reading.SessionRequest;
import dev.emrsessionstarter.core.reading.Violation;
import dev.emrsessionstarter.core.retry.Deadline;
import dev.emrsessionstarter.core.retry.RetryPolicy;
import dev.emrsessionstarter.core.retry.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the session of one request: every StartSession call carries the request's client token, errors are sorted
 * into permanent and transient ones, and brief transient errors are retried with jittered backoff within the
 * invocation's remaining time. Error messages from EMR Serverless are scrubbed of the request's property values.
 */
public final class SessionStartAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(SessionStartAttempts.class);

    private final SessionStarter starter;
    private final ApplicationCheck applications;
    private final boolean startStoppedApplications;
    private final RetryPolicy startPolicy;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    /**
     * @param applications says why an application refused a session
     * @param startStoppedApplications whether a stopped application without auto-start is started for a request
     */
    public SessionStartAttempts(SessionStarter starter, ApplicationCheck applications,
            boolean startStoppedApplications, RetryPolicy startPolicy, Sleeper sleeper, DoubleSupplier jitter) {
        this.starter = starter;
        this.applications = applications;
        this.startStoppedApplications = startStoppedApplications;
        this.startPolicy = startPolicy;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /**
     * A rejection for an invalid request; otherwise StartSession, retried in this invocation while its errors are
     * brief and the deadline allows. Only a bug in a collaborator escapes as a transient internal error.
     */
    public RequestOutcome attempt(ReadRequest request, Deadline deadline) {
        if (!request.isValid()) {
            return rejected(request, invalid(request), List.of());
        }
        try {
            return startWithRetries(request, deadline);
        } catch (RuntimeException bug) {
            LOG.error("Unexpected failure while starting the session; the request will be retried", bug);
            return retryLater(request, ErrorInfo.of(ErrorCodes.INTERNAL_ERROR,
                    "unexpected failure inside the function (" + bug.getClass().getSimpleName() + ")", true),
                    List.of());
        }
    }

    /**
     * A ValidationException may mean the application cannot take sessions: GetApplication says which reason, and a
     * stopped application without auto-start is started where the deployment wants it (the request comes back).
     */
    private RequestOutcome refusedByApplication(ReadRequest request, String code, String message, Deadline deadline,
            List<StartCall> attempts) {
        Optional<ApplicationCheck.Refusal> why = "ValidationException".equals(code)
                ? applications.whyNot(request.request().applicationId(), deadline) : Optional.empty();
        if (why.isEmpty()) {
            return rejected(request, ErrorInfo.of(code, message, false), attempts);
        }
        if (why.get().startable() && startStoppedApplications
                && applications.start(request.request().applicationId(), deadline)) {
            LOG.warn("The application cannot take sessions yet ({}): started it; the request will be retried",
                    why.get().reason());
            return retryLater(request, ErrorInfo.of(ErrorCodes.APPLICATION_STARTING, "the application was started "
                    + "for this request (" + why.get().reason() + "); it will be retried", true), attempts);
        }
        return rejected(request, ErrorInfo.of(code, "The application cannot take sessions: " + why.get().reason()
                + " (EMR Serverless: " + message + ")", false), attempts);
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

    private RequestOutcome startWithRetries(ReadRequest request, Deadline deadline) {
        StartSessionCommand command = command(request);
        SecretScrubber scrubber = SecretScrubber.forConfigurations(command.runtimeConfiguration());
        Duration reserve = startPolicy.reserveFor(deadline);
        List<StartCall> attempts = new ArrayList<>();
        ErrorInfo lastError = null;
        Duration wait = Duration.ZERO;
        for (int attempt = 1; attempt <= startPolicy.maxAttempts(); attempt++) {
            Optional<Duration> timeout = startPolicy.nextAttemptTimeout(deadline, reserve, wait);
            if (timeout.isEmpty()) {
                ErrorInfo outOfTime = lastError != null ? lastError : ErrorInfo.of(
                        ErrorCodes.INSUFFICIENT_TIME_REMAINING, "too little of the invocation was left to call StartSession",
                        true);
                LOG.warn("No time left for another StartSession attempt; handing the request back for a retry");
                return retryLater(request, outOfTime, attempts);
            }
            if (!sleeper.pause(wait)) {
                return retryLater(request, lastError, attempts);
            }
            LOG.debug("StartSession attempt {} of {}: timeoutMs={} configurations={} tags={}", attempt,
                    startPolicy.maxAttempts(), timeout.get().toMillis(), count(command.runtimeConfiguration()),
                    command.tags() == null ? 0 : command.tags().size());
            long started = System.nanoTime();
            ServiceCall<StartedSession> result = starter.start(command, timeout.get());
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            if (result instanceof ServiceCall.Answered<StartedSession> success) {
                attempts.add(new StartCall(latency, null));
                LOG.info("Session started: sessionId={} attempt={} latencyMs={}",
                        success.answer().sessionId(), attempt, latency.toMillis());
                return new RequestOutcome.Started(request, success.answer(), attempts, EventFate.NONE);
            }
            ServiceCall.Failed<StartedSession> failure = (ServiceCall.Failed<StartedSession>) result;
            attempts.add(new StartCall(latency, failure.code()));
            String message = scrubber.scrub(failure.message());
            ErrorClassifier.Action action = ErrorClassifier.classify(failure);
            switch (action) {
                case REJECT -> {
                    LOG.warn("StartSession refused the request for good: code={} status={} message={}",
                            failure.code(), failure.httpStatus(), message);
                    return refusedByApplication(request, failure.code(), message, deadline, attempts);
                }
                case RETRY_LATER -> {
                    LOG.warn("StartSession failed; the trigger will retry later: code={} status={} message={}",
                            failure.code(), failure.httpStatus(), message);
                    return retryLater(request, ErrorInfo.of(failure.code(), message, true), attempts);
                }
                case RETRY_NOW -> {
                    LOG.warn("StartSession attempt {} of {} failed: code={} status={} message={}", attempt,
                            startPolicy.maxAttempts(), failure.code(), failure.httpStatus(), message);
                    lastError = ErrorInfo.of(failure.code(), message, true);
                    wait = startPolicy.backoff(attempt, jitter);
                }
            }
        }
        return retryLater(request, lastError, attempts);
    }

    private static RequestOutcome rejected(ReadRequest request, ErrorInfo error, List<StartCall> calls) {
        return new RequestOutcome.Rejected(request, error, calls, EventFate.NONE);
    }

    private static RequestOutcome retryLater(ReadRequest request, ErrorInfo error, List<StartCall> calls) {
        return new RequestOutcome.RetryLater(request, error, calls, EventFate.NONE);
    }

    private static StartSessionCommand command(ReadRequest read) {
        SessionRequest request = read.request();
        return new StartSessionCommand(request.applicationId(), read.clientToken(), request.executionRoleArn(),
                request.name(), request.idleTimeoutMinutes(), request.runtimeConfiguration(), request.tags());
    }

    private static int count(List<?> items) {
        return items == null ? 0 : items.size();
    }
}

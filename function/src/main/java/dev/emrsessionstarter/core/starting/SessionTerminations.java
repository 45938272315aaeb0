package dev.emrsessionstarter.core.starting;

import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.outcome.RequestOutcome.EventFate;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.SessionMonitor;
import dev.emrsessionstarter.core.port.SessionMonitor.SessionState;
import dev.emrsessionstarter.core.reading.ReadRequest;
import dev.emrsessionstarter.core.retry.Deadline;
import dev.emrsessionstarter.core.retry.ServiceRetries;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the session a valid terminate request names (docs/contract.md section 8): TerminateSession, retried while its
 * errors are brief, then one GetSession for the state it left the session in. TerminateSession is idempotent, so a
 * redelivery or a replay does nothing more than say the state again. Its calls are not StartSession's, so they stay
 * out of the StartSession metrics.
 */
public final class SessionTerminations {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTerminations.class);
    /** What TerminateSession leaves a session in, when GetSession cannot say. */
    static final String STATE_AFTER_TERMINATE = "TERMINATING";

    private final SessionMonitor sessions;
    private final ServiceRetries retries;

    public SessionTerminations(SessionMonitor sessions, ServiceRetries retries) {
        this.sessions = sessions;
        this.retries = retries;
    }

    public RequestOutcome terminate(ReadRequest request, Deadline deadline) {
        String applicationId = request.request().applicationId();
        String sessionId = request.request().sessionId();
        ServiceCall<Void> terminate = retries.call(timeout -> sessions.terminate(applicationId, sessionId, timeout),
                SessionTerminations::brief, deadline);
        if (terminate instanceof ServiceCall.Failed<Void> failed) {
            String message = SecretScrubber.nothing().scrub(failed.message());
            if (ErrorClassifier.classify(failed) == ErrorClassifier.Action.REJECT) {
                LOG.warn("TerminateSession refused the request for good: code={}", failed.code());
                return new RequestOutcome.Rejected(request, ErrorInfo.of(failed.code(), message, false),
                        List.of(), EventFate.NONE);
            }
            LOG.warn("TerminateSession failed; the trigger will retry later: code={}", failed.code());
            return new RequestOutcome.RetryLater(request, ErrorInfo.of(failed.code(), message, true), List.of(),
                    EventFate.NONE);
        }
        ServiceCall<SessionState> read = retries.call(timeout -> sessions.read(applicationId, sessionId, timeout),
                SessionTerminations::brief, deadline);
        String state = read instanceof ServiceCall.Answered<SessionState> answered ? answered.answer().state()
                : STATE_AFTER_TERMINATE;
        LOG.info("Session terminated on request: sessionId={} state={}", sessionId, state);
        return new RequestOutcome.Terminated(request, state, List.of(), EventFate.NONE);
    }

    private static <T> boolean brief(ServiceCall.Failed<T> failed) {
        return ErrorClassifier.classify(failed) == ErrorClassifier.Action.RETRY_NOW;
    }
}

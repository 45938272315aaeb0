package dev.emrsessionstarter.core.outcome;

import dev.emrsessionstarter.core.port.StartedSession;
import dev.emrsessionstarter.core.reading.ReadRequest;
import java.util.List;

/**
 * How one request ended in this invocation: the one value the core hands its entry point. Starting a session makes
 * it; reporting settles it (a started session or a rejection whose event did not get out must be tried again).
 */
public sealed interface RequestOutcome {

    ReadRequest request();

    /** The StartSession calls this request took, for metrics. */
    List<StartCall> calls();

    EventFate event();

    /** Whether the request's outcome event reached EventBridge. */
    enum EventFate {
        /** Not published yet, or none was due (a request kept back untried is reported when its turn comes). */
        NONE,
        PUBLISHED,
        NOT_PUBLISHED
    }

    /** The trigger must deliver this request again or, on its last attempt, dead-letter it. */
    default boolean needsRetry() {
        return this instanceof RetryLater;
    }

    /** The same outcome, with what became of its event. */
    RequestOutcome withEvent(EventFate event);

    /** StartSession returned a session (a new one, or the one the request's client token already had). */
    record Started(ReadRequest request, StartedSession session, List<StartCall> calls, EventFate event)
            implements RequestOutcome {
        public Started {
            calls = List.copyOf(calls);
        }

        @Override
        public Started withEvent(EventFate event) {
            return new Started(request, session, calls, event);
        }
    }

    /**
     * TerminateSession accepted a terminate request (or found the session already ending): docs/contract.md
     * section 8.
     *
     * @param state the session's state as GetSession read it right after, {@code TERMINATING} when it could not say
     */
    record Terminated(ReadRequest request, String state, List<StartCall> calls, EventFate event)
            implements RequestOutcome {
        public Terminated {
            calls = List.copyOf(calls);
        }

        @Override
        public Terminated withEvent(EventFate event) {
            return new Terminated(request, state, calls, event);
        }
    }

    /** A retry cannot succeed: the request is done, and a final failure event says why. */
    record Rejected(ReadRequest request, ErrorInfo error, List<StartCall> calls, EventFate event)
            implements RequestOutcome {
        public Rejected {
            calls = List.copyOf(calls);
        }

        @Override
        public Rejected withEvent(EventFate event) {
            return new Rejected(request, error, calls, event);
        }
    }

    /**
     * A retry may succeed: the request goes back to its trigger, or to its dead-letter queue when this was its last
     * attempt.
     */
    record RetryLater(ReadRequest request, ErrorInfo error, List<StartCall> calls, EventFate event)
            implements RequestOutcome {
        public RetryLater {
            calls = List.copyOf(calls);
        }

        @Override
        public RetryLater withEvent(EventFate event) {
            return new RetryLater(request, error, calls, event);
        }

        /** No retry follows: the message goes to its dead-letter queue. */
        public boolean lastAttempt() {
            return request.delivery().lastAttempt();
        }

        /** Kept back untried: an earlier message of its FIFO group failed in this batch. */
        public boolean keptBack() {
            return ErrorCodes.PRECEDING_MESSAGE_FAILED.equals(error.code());
        }
    }
}

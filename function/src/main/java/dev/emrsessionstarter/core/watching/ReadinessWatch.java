package dev.emrsessionstarter.core.watching;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.core.outcome.SessionFacts;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import dev.emrsessionstarter.core.reading.RequestPolicy;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.core.retry.BatchSender;
import dev.emrsessionstarter.core.retry.Deadline;
import dev.emrsessionstarter.core.watching.CheckOutcome.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Follows started sessions through their start-up (docs/contract.md section 6) and then to their end (section 12):
 * each check reads its session once; a start-up that is ready, failed, or not ready in time ends with one event (and
 * its waiting task completes), a session that ended ends its follow-up with one more, and any other gets its next
 * check. A batch's sessions are read concurrently; its events go out together, and so do its next checks. A check
 * whose work did not all happen is delivered again.
 */
public final class ReadinessWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessWatch.class);

    /** A check as the watch queue delivered it. */
    public record CheckMessage(String messageId, String body) {
        @Override
        public String toString() {
            return "CheckMessage[messageId=" + messageId + "]";
        }
    }

    private final SessionLook look;
    private final ReadinessCheckJson json;
    private final OutcomeEvents events;
    private final BatchSender<OutcomeEvent> publisher;
    private final BatchSender<ScheduledCheck> scheduler;
    private final TaskCompletion tasks;
    private final WatchPolicy policy;
    private final FollowPolicy follow;
    private final RequestPolicy allowlists;
    private final Clock clock;
    private final Executor executor;

    /** @param allowlists the applications and roles a check may name, as a request may */
    public ReadinessWatch(SessionLook look, ReadinessCheckJson json, OutcomeEvents events,
            BatchSender<OutcomeEvent> publisher, BatchSender<ScheduledCheck> scheduler, TaskCompletion tasks,
            WatchPolicy policy, FollowPolicy follow, RequestPolicy allowlists, Clock clock, Executor executor) {
        this.look = look;
        this.json = json;
        this.events = events;
        this.publisher = publisher;
        this.scheduler = scheduler;
        this.tasks = tasks;
        this.policy = policy;
        this.follow = follow;
        this.allowlists = allowlists;
        this.clock = clock;
        this.executor = executor;
    }

    /** @return one outcome per message, in the order given */
    public List<CheckOutcome> check(List<CheckMessage> messages, Deadline deadline) {
        Map<String, String> invocationLogFields = MDC.getCopyOfContextMap();
        List<CheckOutcome> looked = lookConcurrently(messages, deadline, invocationLogFields);
        return settle(looked, deadline, invocationLogFields);
    }

    private List<CheckOutcome> lookConcurrently(List<CheckMessage> messages, Deadline deadline,
            Map<String, String> invocationLogFields) {
        List<CompletableFuture<CheckOutcome>> looking = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            CheckMessage message = messages.get(i);
            if (i == messages.size() - 1) {
                looking.add(CompletableFuture.completedFuture(lookAt(message, deadline, invocationLogFields)));
            } else {
                looking.add(CompletableFuture.supplyAsync(() -> lookAt(message, deadline, invocationLogFields),
                        executor));
            }
        }
        return looking.stream().map(CompletableFuture::join).toList();
    }

    private CheckOutcome lookAt(CheckMessage message, Deadline deadline, Map<String, String> invocationLogFields) {
        Optional<ReadinessCheck> check = json.read(message.body());
        if (check.isEmpty()) {
            LOG.error("Unreadable readiness check (message {}): it goes to the watch queue's dead-letter queue",
                    message.messageId());
            return new CheckOutcome.RetryLater(message.messageId(), null, ErrorCodes.UNREADABLE_CHECK);
        }
        try (RequestLogContext ignored = RequestLogContext.open(invocationLogFields, check.get().session())) {
            LOG.debug("Readiness check read: checks={} startedAt={} withTask={}", check.get().checks(),
                    check.get().startedAt(), check.get().taskToken() != null);
            Optional<String> outside = outsideAllowlists(check.get());
            if (outside.isPresent()) {
                return new CheckOutcome.Refused(message.messageId(), outside.get());
            }
            return look.at(message.messageId(), check.get(), deadline);
        }
    }

    /**
     * A check names what the function itself started, so it must pass the allowlists a request does: anyone who may
     * send to the watch queue could otherwise have the function read, report on or terminate any session.
     */
    private Optional<String> outsideAllowlists(ReadinessCheck check) {
        SessionFacts session = check.session();
        if (!allowlists.allowedApplicationIds().allows(session.applicationId())) {
            return Optional.of("its applicationId is not allowed by " + RequestPolicy.ALLOWED_APPLICATION_IDS);
        }
        // A terminate request names no role, and passes none: only its application is allowlisted.
        if (!check.followsTermination() && !allowlists.allowedExecutionRoleArns().allows(session.executionRoleArn())) {
            return Optional.of("its executionRoleArn is not allowed by " + RequestPolicy.ALLOWED_EXECUTION_ROLE_ARNS);
        }
        return Optional.empty();
    }

    /** Publishes the ends, schedules the next checks, completes the tasks; each check is done only when all is. */
    private List<CheckOutcome> settle(List<CheckOutcome> looked, Deadline deadline,
            Map<String, String> invocationLogFields) {
        // A terminate request's own event went out with it: following its session publishes nothing more.
        List<OutcomeEvent> events = looked.stream().filter(CheckOutcome.Ended.class::isInstance)
                .map(CheckOutcome.Ended.class::cast).filter(end -> !end.check().followsTermination())
                .map(this::event).toList();
        List<ScheduledCheck> checks = looked.stream().map(this::nextCheck).filter(Objects::nonNull).toList();
        Iterator<ServiceCall<String>> published = send(publisher, events, deadline);
        Iterator<ServiceCall<String>> scheduled = send(scheduler, checks, deadline);

        List<CheckOutcome> settled = new ArrayList<>(looked.size());
        for (CheckOutcome outcome : looked) {
            if (outcome instanceof CheckOutcome.Ended end && end.check().followsTermination()) {
                settled.add(completeTask(end, deadline));
            } else if (outcome instanceof CheckOutcome.Ended end) {
                ServiceCall<String> fate = published.next();
                ServiceCall<String> next = followsAfter(end) ? scheduled.next() : null;
                try (RequestLogContext ignored = RequestLogContext.open(invocationLogFields, end.check().session())) {
                    settled.add(!(fate instanceof ServiceCall.Answered)
                            ? notDone(end, ErrorCodes.READINESS_EVENT_NOT_PUBLISHED, fate)
                            : next != null && !(next instanceof ServiceCall.Answered)
                            ? notDone(end, ErrorCodes.READINESS_CHECK_NOT_SCHEDULED, next)
                            : completeTask(end, deadline));
                }
            } else if (outcome instanceof CheckOutcome.Continued next) {
                ServiceCall<String> fate = scheduled.next();
                settled.add(fate instanceof ServiceCall.Answered ? next
                        : notDone(next, ErrorCodes.READINESS_CHECK_NOT_SCHEDULED, fate));
            } else {
                if (outcome instanceof CheckOutcome.Refused refused) {
                    LOG.error("Readiness check refused, not acted on and dropped (message {}): {}",
                            refused.messageId(), refused.reason());
                }
                settled.add(outcome);
            }
        }
        return settled;
    }

    /** After Ready, and after Not Ready when the session keeps running, the watch follows it to its end. */
    private boolean followsAfter(CheckOutcome.Ended end) {
        return follow.enabled() && !end.check().followsToEnd() && !end.check().followsTermination()
                && (end.readiness() == Readiness.READY || end.readiness() == Readiness.NOT_READY && !end.terminated());
    }

    private static <T> Iterator<ServiceCall<String>> send(BatchSender<T> sender, List<T> entries, Deadline deadline) {
        return (entries.isEmpty() ? List.<ServiceCall<String>>of() : sender.send(entries, deadline)).iterator();
    }

    private OutcomeEvent event(CheckOutcome.Ended end) {
        ReadinessCheck check = end.check();
        return switch (end.readiness()) {
            case READY -> events.ready(check.session(), end.state(), check.checks(), end.elapsed(), end.endpoint());
            case FAILED -> events.sessionFailed(check.session(), end.state(), end.stateDetails(), end.error(),
                    check.checks(), end.elapsed());
            case NOT_READY -> events.notReady(check.session(), end.state(), check.checks(), end.elapsed(),
                    end.terminated());
            case ENDED -> events.ended(check.session(), end.state(), end.stateDetails(), end.error(), check.checks(),
                    end.read());
            case STILL_RUNNING -> events.stillRunning(check.session(), end.state(), check.checks(), end.read());
            case TERMINATED -> throw new IllegalStateException("a terminated session's watch publishes no event");
        };
    }

    /** The check an outcome schedules, or null: the next one of a watch that goes on, or the first follow-up. */
    private ScheduledCheck nextCheck(CheckOutcome outcome) {
        if (outcome instanceof CheckOutcome.Ended end && followsAfter(end)) {
            return new ScheduledCheck(json.write(end.check().following()), follow.cadence());
        }
        if (!(outcome instanceof CheckOutcome.Continued next)) {
            return null;
        }
        if (next.next().followsToEnd()) {
            return new ScheduledCheck(json.write(next.next()), follow.cadence());
        }
        return startUpCheck(next);
    }

    /** The next check of a start-up: the backoff's delay, but never past the moment the watch gives up. */
    private ScheduledCheck startUpCheck(CheckOutcome.Continued next) {
        ReadinessCheck check = next.next();
        Duration untilTimeout = Duration.between(clock.instant(), check.startedAt().plus(policy.timeout()));
        Duration delay = policy.delayBefore(check.checks() + 1);
        if (untilTimeout.compareTo(delay) < 0) {
            delay = untilTimeout.isNegative() ? Duration.ZERO : roundUpToSeconds(untilTimeout);
        }
        return new ScheduledCheck(json.write(check), delay);
    }

    private static Duration roundUpToSeconds(Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(seconds);
    }

    private CheckOutcome completeTask(CheckOutcome.Ended end, Deadline deadline) {
        ReadinessCheck check = end.check();
        if (check.taskToken() == null) {
            return end;
        }
        TaskCompletion.Result result = end.readiness() == Readiness.READY
                ? tasks.succeed(check.taskToken(), check.session(), end.state(), end.endpoint(), deadline)
                : end.readiness() == Readiness.TERMINATED
                ? tasks.succeedEnding(check.taskToken(), check.session(), end.state(), deadline)
                : tasks.fail(check.taskToken(), end.readiness().taskFailure(), failureCode(end), failureMessage(end),
                        check.session().clientToken(), check.session().requestIdentity(), deadline);
        return result == TaskCompletion.Result.NOT_YET ? new CheckOutcome.RetryLater(end.messageId(), check,
                ErrorCodes.TASK_CALLBACK_FAILED) : end;
    }

    private static String failureCode(CheckOutcome.Ended end) {
        return end.error() != null ? end.error().code() : end.state();
    }

    private static String failureMessage(CheckOutcome.Ended end) {
        if (end.error() != null) {
            return end.error().message();
        }
        if (end.readiness() == Readiness.NOT_READY) {
            return "the session was not ready after " + end.elapsed().toSeconds() + " s (state " + end.state()
                    + (end.terminated() ? "; terminated" : "") + ")";
        }
        return end.stateDetails() != null ? end.stateDetails() : "the session ended in state " + end.state();
    }

    private static CheckOutcome notDone(CheckOutcome outcome, String code, ServiceCall<String> fate) {
        ServiceCall.Failed<String> failed = (ServiceCall.Failed<String>) fate;
        LOG.warn("{}: {}; the check will be delivered again", code, failed.code());
        ReadinessCheck check = outcome instanceof CheckOutcome.Ended end ? end.check()
                : ((CheckOutcome.Continued) outcome).next();
        return new CheckOutcome.RetryLater(outcome.messageId(), check, code);
    }
}

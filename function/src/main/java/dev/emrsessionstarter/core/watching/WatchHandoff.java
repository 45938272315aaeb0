package dev.emrsessionstarter.core.watching;

import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.outcome.SessionFacts;
import dev.emrsessionstarter.core.outcome.TaskFailure;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import dev.emrsessionstarter.core.reading.ReadRequest;
import dev.emrsessionstarter.core.reading.Trigger;
import dev.emrsessionstarter.core.retry.BatchSender;
import dev.emrsessionstarter.core.retry.Deadline;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each reported request on to what follows it (docs/contract.md sections 6 and 11). A started session's first
 * readiness check goes on the watch queue, all of a batch's checks together (and so does a terminated session's, when
 * a task waits for TERMINATED); a request whose check did not get there is not done, and is retried like any transient
 * failure (its StartSession is safe to repeat: same token; on its last delivery a final failure event follows its
 * Started event). Then a waiting task completes: with the watch off, at the start; for a request that will not start,
 * with its failure, except on a direct invoke, whose thrown error is the task's failure.
 */
public final class WatchHandoff {

    private static final Logger LOG = LoggerFactory.getLogger(WatchHandoff.class);
    /** What StartSession leaves a session in, for a task completed without the watch. */
    static final String STATE_AT_START = "SUBMITTED";

    private final boolean watching;
    private final WatchPolicy policy;
    private final BatchSender<ScheduledCheck> scheduler;
    private final ReadinessCheckJson checks;
    private final TaskCompletion tasks;
    private final Clock clock;

    public WatchHandoff(boolean watching, WatchPolicy policy, BatchSender<ScheduledCheck> scheduler,
            ReadinessCheckJson checks, TaskCompletion tasks, Clock clock) {
        this.watching = watching;
        this.policy = policy;
        this.scheduler = scheduler;
        this.checks = checks;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** Each started session's first check, once its Started event is out; @return each outcome, in order */
    public List<RequestOutcome> scheduleFirstChecks(List<RequestOutcome> outcomes, Deadline deadline,
            Map<String, String> invocationLogFields) {
        if (!watching) {
            return outcomes;
        }
        Instant now = clock.instant();
        List<RequestOutcome> started = outcomes.stream().filter(WatchHandoff::isFollowed).toList();
        List<ScheduledCheck> first = started.stream()
                .map(outcome -> new ScheduledCheck(checks.write(firstCheck(outcome, now)), policy.delayBefore(1)))
                .toList();
        List<ServiceCall<String>> fates = first.isEmpty() ? List.of() : scheduler.send(first, deadline);
        Map<RequestOutcome, ServiceCall<String>> scheduled = new IdentityHashMap<>();
        for (int i = 0; i < started.size(); i++) {
            scheduled.put(started.get(i), fates.get(i));
        }
        List<RequestOutcome> settled = new ArrayList<>(outcomes.size());
        for (RequestOutcome outcome : outcomes) {
            if (scheduled.get(outcome) instanceof ServiceCall.Failed<String> failed) {
                try (RequestLogContext ignored = RequestLogContext.open(invocationLogFields, outcome.request())) {
                    LOG.warn("Readiness check not scheduled: code={}; the request will be retried", failed.code());
                }
                settled.add(retry(outcome, ErrorCodes.READINESS_CHECK_NOT_SCHEDULED,
                        "the readiness check could not be scheduled (" + failed.code() + ")"));
            } else {
                settled.add(outcome);
            }
        }
        return settled;
    }

    /** The tasks waiting for requests that are done; @return each outcome, in the order given */
    public List<RequestOutcome> completeTasks(List<RequestOutcome> outcomes, Deadline deadline,
            Map<String, String> invocationLogFields) {
        List<RequestOutcome> settled = new ArrayList<>(outcomes.size());
        for (RequestOutcome outcome : outcomes) {
            try (RequestLogContext ignored = RequestLogContext.open(invocationLogFields, outcome.request())) {
                settled.add(completeTask(outcome, deadline));
            }
        }
        return settled;
    }

    /** A started session until it is ready; a terminated one until TERMINATED, for the task waiting on it. */
    private static boolean isFollowed(RequestOutcome outcome) {
        return outcome instanceof RequestOutcome.Started || outcome instanceof RequestOutcome.Terminated terminated
                && terminated.request().request().taskToken() != null && !isOver(terminated.state());
    }

    private static boolean isOver(String state) {
        return "TERMINATED".equals(state) || "FAILED".equals(state);
    }

    private static ReadinessCheck firstCheck(RequestOutcome outcome, Instant now) {
        String taskToken = outcome.request().request().taskToken();
        return outcome instanceof RequestOutcome.Started started
                ? new ReadinessCheck(SessionFacts.of(started.request(), started.session()), now, 0, taskToken)
                : new ReadinessCheck(SessionFacts.of(outcome.request()), now, 0, taskToken,
                        ReadinessCheck.Purpose.TERMINATION);
    }

    private RequestOutcome completeTask(RequestOutcome outcome, Deadline deadline) {
        String taskToken = outcome.request().request().taskToken();
        if (taskToken == null || outcome.event() == RequestOutcome.EventFate.NOT_PUBLISHED) {
            return outcome;
        }
        TaskCompletion.Result result;
        if (outcome instanceof RequestOutcome.Terminated terminated) {
            if (watching && !isOver(terminated.state())) {
                return outcome; // the watch completes it when the session is TERMINATED
            }
            result = tasks.succeedEnding(taskToken, SessionFacts.of(terminated.request()), terminated.state(),
                    deadline);
        } else if (outcome instanceof RequestOutcome.Started started) {
            if (watching) {
                return outcome; // the watch completes it when the session's start-up ends
            }
            result = tasks.succeed(taskToken, SessionFacts.of(started.request(), started.session()), STATE_AT_START,
                    null, deadline);
        } else if (outcome.request().delivery().trigger() == Trigger.DIRECT) {
            return outcome;
        } else if (outcome instanceof RequestOutcome.Rejected rejected) {
            result = failTask(taskToken, rejected.request(), rejected.error(), deadline);
        } else if (((RequestOutcome.RetryLater) outcome).lastAttempt()) {
            result = failTask(taskToken, outcome.request(), ((RequestOutcome.RetryLater) outcome).error(), deadline);
        } else {
            return outcome;
        }
        if (result != TaskCompletion.Result.NOT_YET || outcome.request().delivery().lastAttempt()) {
            // On a last delivery the request is done whatever the task heard: its task's own timeout ends it.
            return outcome;
        }
        return retry(outcome, ErrorCodes.TASK_CALLBACK_FAILED, "the waiting task could not be completed yet");
    }

    private TaskCompletion.Result failTask(String taskToken, ReadRequest request, ErrorInfo error, Deadline deadline) {
        return tasks.fail(taskToken, TaskFailure.forStartError(error), error.code(), error.message(),
                request.clientToken(), request.requestIdentity(), deadline);
    }

    private static RequestOutcome retry(RequestOutcome outcome, String code, String message) {
        return new RequestOutcome.RetryLater(outcome.request(),
                ErrorInfo.of(code, message + "; the request will be retried with the same client token", true),
                outcome.calls(), outcome.event());
    }
}

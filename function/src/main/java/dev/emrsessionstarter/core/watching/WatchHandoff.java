package dev.emrsessionstarter.core.watching;

import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.outcome.SessionFacts;
import dev.emrsessionstarter.core.outcome.TaskFailure;
import dev.emrsessionstarter.core.port.PublishResult;
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
 * Hands each reported request on to what follows it (contract section 6). A started session's first readiness check
 * goes on the watch queue, all of a batch's checks together; with the watch off, the task waiting for it completes
 * at once. A task waiting for a request that will not start is failed, except on a direct invoke, whose thrown error
 * is the task's failure. A request whose hand-over did not happen is not done: it is tried again, and its
 * StartSession is safe to repeat (same token).
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

    /** @return each outcome, settled, in the order given */
    public List<RequestOutcome> handOff(List<RequestOutcome> outcomes, Deadline deadline,
            Map<String, String> invocationLogFields) {
        Map<RequestOutcome, PublishResult> scheduled = watching ? scheduleFirstChecks(outcomes, deadline) : Map.of();
        List<RequestOutcome> settled = new ArrayList<>(outcomes.size());
        for (RequestOutcome outcome : outcomes) {
            try (RequestLogContext ignored = RequestLogContext.open(invocationLogFields, outcome.request())) {
                settled.add(settle(outcome, scheduled.get(outcome), deadline));
            }
        }
        return settled;
    }

    private Map<RequestOutcome, PublishResult> scheduleFirstChecks(List<RequestOutcome> outcomes, Deadline deadline) {
        Instant now = clock.instant();
        List<RequestOutcome> started = outcomes.stream().filter(RequestOutcome.Started.class::isInstance).toList();
        List<ScheduledCheck> first = started.stream()
                .map(outcome -> new ScheduledCheck(checks.write(firstCheck((RequestOutcome.Started) outcome, now)),
                        policy.delayBefore(1)))
                .toList();
        List<PublishResult> fates = first.isEmpty() ? List.of() : scheduler.send(first, deadline);
        Map<RequestOutcome, PublishResult> scheduled = new IdentityHashMap<>();
        for (int i = 0; i < started.size(); i++) {
            scheduled.put(started.get(i), fates.get(i));
        }
        return scheduled;
    }

    private static ReadinessCheck firstCheck(RequestOutcome.Started started, Instant now) {
        return new ReadinessCheck(SessionFacts.of(started.request(), started.session()), now, 0,
                started.request().request().taskToken());
    }

    private RequestOutcome settle(RequestOutcome outcome, PublishResult scheduled, Deadline deadline) {
        String taskToken = outcome.request().request().taskToken();
        if (outcome instanceof RequestOutcome.Started started) {
            if (watching) {
                if (scheduled instanceof PublishResult.Failed failed) {
                    LOG.warn("Readiness check not scheduled: code={}; the request will be retried", failed.code());
                    return retry(outcome, ErrorCodes.READINESS_CHECK_NOT_SCHEDULED,
                            "the readiness check could not be scheduled (" + failed.code() + ")");
                }
                return outcome;
            }
            if (taskToken != null && tasks.succeed(taskToken, SessionFacts.of(started.request(), started.session()),
                    STATE_AT_START, deadline) == TaskCompletion.Result.NOT_YET) {
                return retry(outcome, ErrorCodes.TASK_CALLBACK_FAILED, "the waiting task could not be completed");
            }
            return outcome;
        }
        if (taskToken == null || outcome.request().delivery().trigger() == Trigger.DIRECT) {
            return outcome;
        }
        if (outcome instanceof RequestOutcome.Rejected rejected) {
            return failTask(taskToken, rejected.request(), rejected.error(), deadline) == TaskCompletion.Result.NOT_YET
                    ? retry(outcome, ErrorCodes.TASK_CALLBACK_FAILED, "the waiting task could not be failed")
                    : outcome;
        }
        RequestOutcome.RetryLater retry = (RequestOutcome.RetryLater) outcome;
        if (retry.lastAttempt()) {
            // Its message goes to the dead-letter queue now: this is the task's last word, whatever the answer.
            failTask(taskToken, retry.request(), retry.error(), deadline);
        }
        return outcome;
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

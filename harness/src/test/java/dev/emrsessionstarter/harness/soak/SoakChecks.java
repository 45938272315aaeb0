package dev.emrsessionstarter.harness.soak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.TaskFailure;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.emulator.emr.SessionState;
import dev.emrsessionstarter.emulator.emr.SessionView;
import dev.emrsessionstarter.emulator.emr.StartupOutcome;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.emulator.fault.FaultSpec;
import dev.emrsessionstarter.emulator.stepfunctions.TaskCallbackCall;
import dev.emrsessionstarter.emulator.stepfunctions.TaskCallbackOperation;
import dev.emrsessionstarter.emulator.stepfunctions.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The invariants a soak run must keep, each checked over the whole run and reported with what broke it. */
final class SoakChecks {

    /** @param failures the first few things that broke it (empty when it holds) */
    /**
     * @param failures the first few things that broke it (empty when it holds)
     * @param knownDefect a defect of the function this check finds, described in {@link #KNOWN_DEFECTS}, with the
     *     first few cases of it; reported, but not counted among the failures
     */
    record Check(String name, List<String> failures, String knownDefect, List<String> knownCases) {
        boolean holds() {
            return failures.isEmpty() && knownCases.isEmpty();
        }
    }

    /**
     * Defects of the function the soak finds and that wait for a fix in the function: their cases are reported apart,
     * so the suite's run stays usable for everything else. Remove an entry once the function is fixed; its cases then
     * count as failures again.
     */
    static final Map<String, String> KNOWN_DEFECTS = Map.of();

    private static final int EXAMPLES = 5;
    /** docs/contract.md section 6: what each end of a watch says of the session's state when it was read. */
    static final Set<SessionState> READY_STATES = EnumSet.of(SessionState.STARTED, SessionState.IDLE,
            SessionState.BUSY);
    static final Set<SessionState> ENDED_STATES = EnumSet.of(SessionState.FAILED, SessionState.TERMINATING,
            SessionState.TERMINATED);
    static final Set<SessionState> STARTING_STATES = EnumSet.of(SessionState.SUBMITTED, SessionState.STARTING);

    private final SoakFacts facts;

    SoakChecks(SoakFacts facts) {
        this.facts = facts;
    }

    List<Check> all() {
        return List.of(everyMessageSettled(), invocationsFailOnlyByCrashes(), startSessionOnlyForValidRequests(),
                oneSessionPerIdentity(), startedEventsNameTheSession(), everyValidRequestHasAnOutcome(),
                deadLettersFollowAFinalFailureEvent(), invalidRequestsRejectedOnce(), everyCheckSettled(),
                checksFailOnlyByCrashes(), oneReadinessOutcomePerStartedRequest(), readinessAgreesWithTheSession(),
                everyTaskCompleted(), noSecretLeaks());
    }

    private Check everyMessageSettled() {
        Failures failures = new Failures();
        facts.requestOfMessage.forEach((messageId, request) -> {
            SoakResult.MessageFate fate = facts.result.fates().get(messageId);
            boolean deleted = fate != null && fate.deleted();
            if (deleted == facts.deadLettered(messageId)) {
                failures.add(messageId + " (request " + request.number() + ") is "
                        + (deleted ? "both acknowledged and dead-lettered" : "neither acknowledged nor dead-lettered"));
            }
        });
        return failures.check("every message was acknowledged or dead-lettered, and not both");
    }

    private Check invocationsFailOnlyByCrashes() {
        SoakResult.Invocations invocations = facts.result.invocations();
        Failures failures = new Failures();
        if (invocations.functionErrors() != invocations.crashes()) {
            failures.add((invocations.functionErrors() - invocations.crashes())
                    + " invocations ended without a response for another reason than a simulated crash");
        }
        return failures.check("the function answered every invocation it did not crash in");
    }

    private Check startSessionOnlyForValidRequests() {
        Failures failures = new Failures();
        for (JsonNode body : facts.startSessionBodies) {
            String number = body.path("tags").path("soakRequest").asText(null);
            String identity = number == null ? null : facts.identityOfNumber.get(Integer.parseInt(number));
            String token = body.path("clientToken").asText(null);
            if (identity == null) {
                failures.add("StartSession for no valid request: tags " + body.path("tags"));
            } else if (!Objects.equals(token, facts.tokenOfIdentity.get(identity))) {
                failures.add("request " + number + " called StartSession with token " + token + ", not "
                        + facts.tokenOfIdentity.get(identity));
            }
        }
        return failures.check("every StartSession call was for a valid request, with the token of its identity");
    }

    private Check oneSessionPerIdentity() {
        Failures failures = new Failures();
        facts.sessionsOfToken.forEach((token, sessions) -> {
            if (sessions.size() != 1) {
                failures.add(sessions.size() + " sessions share client token " + token);
            }
            if (!facts.identityOfToken.containsKey(token)) {
                failures.add("session " + sessions.get(0).sessionId() + " has a token no request owns: " + token);
            }
        });
        return failures.check("no request identity has more than one session, and every session has a request");
    }

    private Check startedEventsNameTheSession() {
        Failures failures = new Failures();
        facts.startedEvents.forEach((identity, events) -> {
            List<SessionView> sessions = facts.sessionsOfToken.getOrDefault(facts.tokenOfIdentity.get(identity),
                    List.of());
            if (sessions.size() != 1) {
                failures.add(identity + " has a Started event but " + sessions.size() + " sessions");
                return;
            }
            for (JsonNode event : events) {
                if (!sessions.get(0).sessionId().equals(event.path("sessionId").asText())
                        || !facts.tokenOfIdentity.get(identity).equals(event.path("clientToken").asText())) {
                    failures.add(identity + ": a Started event names " + event.path("sessionId").asText()
                            + " / " + event.path("clientToken").asText() + ", the session is "
                            + sessions.get(0).sessionId());
                }
            }
        });
        return failures.check("each request with a Started event has exactly one session, the one its events name");
    }

    private Check everyValidRequestHasAnOutcome() {
        Failures failures = new Failures();
        facts.requestOfIdentity.forEach((identity, request) -> {
            if (!request.valid()) {
                return;
            }
            boolean started = !facts.started(identity).isEmpty();
            if (!started && !facts.finallyFailed(identity) && !facts.allDeadLettered(identity)) {
                failures.add(identity + " (request " + request.number() + ") has neither a Started event, "
                        + "nor a final failure event, nor all its messages in the dead-letter queue");
            }
            for (String messageId : facts.messagesOfIdentity.get(identity)) {
                SoakResult.MessageFate fate = facts.result.fates().get(messageId);
                if (fate != null && fate.deleted() && !started) {
                    failures.add(messageId + " (request " + request.number() + ") was acknowledged without a "
                            + "Started event");
                }
            }
            boolean hasSession = facts.sessionsOfToken.containsKey(facts.tokenOfIdentity.get(identity));
            if (hasSession && !started && !facts.allDeadLettered(identity)) {
                failures.add(identity + " has a session but no Started event and is not dead-lettered");
            }
        });
        return failures.check("every valid request ended Started, or finally failed, or in the dead-letter queue");
    }

    private Check deadLettersFollowAFinalFailureEvent() {
        Failures failures = new Failures();
        Map<String, Integer> unpublished = facts.result.output().unpublishedEventsByDelivery();
        for (String messageId : facts.result.deadLettered()) {
            SoakResult.MessageFate fate = facts.result.fates().get(messageId);
            boolean excused = fate.lastUnanswered() || unpublished.containsKey(messageId);
            if (!excused && !facts.finallyFailed(facts.identityOfMessage.get(messageId))) {
                failures.add(messageId + " went to the dead-letter queue after " + fate.deliveries()
                        + " deliveries without a final failure event");
            }
            if (fate.lastReceiveCount() != facts.result.plan().maxReceiveCount()) {
                failures.add(messageId + " went to the dead-letter queue after receive count "
                        + fate.lastReceiveCount());
            }
        }
        return failures.check("a message reached the dead-letter queue after maxReceiveCount deliveries, the last "
                + "publishing a final failure event (unless it crashed or that event was lost)");
    }

    /**
     * docs/contract.md section 4: an invalid request is rejected (acknowledged, with a final failure event) and never reaches
     * StartSession. Its message is handed back only when its invocation died (a crash) or its rejection could not be
     * delivered (the event not published, the task callback failing), each a retry of that delivery; so it may run out
     * of deliveries and end in the dead-letter queue (section 4 allows that end), but only when no delivery of it
     * could finish.
     */
    private Check invalidRequestsRejectedOnce() {
        Failures failures = new Failures();
        Map<String, Integer> unpublished = facts.result.output().unpublishedEventsByDelivery();
        facts.requestOfMessage.forEach((messageId, request) -> {
            if (request.valid()) {
                return;
            }
            String identity = facts.identityOfMessage.get(messageId);
            SoakResult.MessageFate fate = facts.result.fates().get(messageId);
            List<JsonNode> events = facts.failures(identity);
            String which = messageId + " (" + request.kind() + ")";
            boolean acknowledged = fate != null && fate.deleted() && !facts.deadLettered(messageId);
            // Handed back only when its invocation crashed, its rejection event could not be published, or its task
            // could not be failed yet.
            int answered = fate == null ? 0 : fate.deliveries() - fate.unanswered();
            int eventsLost = unpublished.getOrDefault(messageId, 0);
            int callbacksFailed = facts.result.output().taskCallbacksFailedByDelivery().getOrDefault(messageId, 0);
            int handedBack = eventsLost + callbacksFailed;
            if (acknowledged) {
                if (events.isEmpty()) {
                    failures.add(which + " was acknowledged without a failure event");
                }
                if (answered != 1 + handedBack) {
                    failures.add(which + " was answered " + answered + " times; its rejection event failed "
                            + eventsLost + " times, its task callback " + callbacksFailed);
                }
            } else if (!facts.deadLettered(messageId)) {
                failures.add(which + " was neither acknowledged nor dead-lettered");
            } else if (answered != handedBack) {
                failures.add(which + " went to the dead-letter queue after " + fate.deliveries() + " deliveries, "
                        + answered + " answered; its rejection event failed " + eventsLost + " times, its task "
                        + "callback " + callbacksFailed + ": a delivery that could finish was not acknowledged");
            }
            if (!facts.started(identity).isEmpty()) {
                failures.add(which + " has " + facts.started(identity).size() + " Started events");
            }
            for (JsonNode event : events) {
                JsonNode error = event.path("error");
                if (!request.kind().rejectionCode().equals(error.path("code").asText())
                        || error.path("retryable").asBoolean(true) || !event.path("final").asBoolean(false)) {
                    failures.add(which + " was not rejected as " + request.kind().rejectionCode() + ": " + error);
                }
            }
        });
        return failures.check("invalid requests were rejected with their code, once (again only when the event or the "
                + "task callback failed; in the dead-letter queue only when no delivery could finish), and never "
                + "reached StartSession");
    }

    private Check everyCheckSettled() {
        Failures failures = new Failures();
        SoakResult.Watch watch = facts.result.watch();
        watch.fates().forEach((messageId, fate) -> {
            boolean deadLettered = watch.deadLetters().containsKey(messageId);
            if (fate.deleted() == deadLettered) {
                failures.add("check " + messageId + " is " + (fate.deleted() ? "both acknowledged and dead-lettered"
                        : "neither acknowledged nor dead-lettered"));
            }
            if (deadLettered && fate.lastReceiveCount() != facts.result.plan().watchMaxReceiveCount()) {
                failures.add("check " + messageId + " went to the dead-letter queue after receive count "
                        + fate.lastReceiveCount());
            }
        });
        watch.deadLetters().keySet().stream().filter(messageId -> !watch.fates().containsKey(messageId))
                .forEach(messageId -> failures.add("check " + messageId + " went to the dead-letter queue unread"));
        return failures.check("every check was acknowledged or dead-lettered (after maxReceiveCount deliveries), "
                + "and not both");
    }

    private Check checksFailOnlyByCrashes() {
        SoakResult.Invocations invocations = facts.result.watch().invocations();
        Failures failures = new Failures();
        if (invocations.functionErrors() != invocations.crashes()) {
            failures.add((invocations.functionErrors() - invocations.crashes())
                    + " watch invocations ended without a response for another reason than a simulated crash");
        }
        return failures.check("the watch function answered every invocation it did not crash in");
    }

    /**
     * docs/contract.md section 6: every started request ends with exactly one of Ready, Failed or Not Ready, delivered at
     * least once (consumers deduplicate on clientToken and detail-type), unless it ran out of deliveries.
     */
    private Check oneReadinessOutcomePerStartedRequest() {
        Failures failures = new Failures();
        facts.startedEvents.keySet().forEach(identity -> {
            String clientToken = facts.tokenOfIdentity.get(identity);
            if (clientToken == null) {
                return;
            }
            List<SoakResult.ReadinessRead> reads = facts.readiness(clientToken);
            Set<String> ends = reads.stream().map(read -> read.event().detailType())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (ends.size() > 1) {
                PlannedRequest request = facts.requestOfIdentity.get(identity);
                long watches = watches(reads);
                failures.addKnown("readiness-ends-differ", clientToken + " (request " + request.number() + ", "
                        + request.kind() + ", " + facts.startedEvents.get(identity).size() + " Started events, "
                        + (watches > 1 ? watches + " watches" : "one watch") + ") ended " + describe(reads));
            } else if (ends.isEmpty() && !facts.inADeadLetterQueue(identity)) {
                failures.add(clientToken + " (request " + facts.requestOfIdentity.get(identity).number() + ") was "
                        + "started, but its watch never ended and no message of it is in a dead-letter queue");
            }
        });
        facts.readinessOfToken.forEach((clientToken, reads) -> {
            String identity = facts.identityOfToken.get(clientToken);
            if (identity == null || !facts.startedEvents.containsKey(identity)) {
                failures.add(clientToken + " ended " + describe(reads) + " without a Started event");
            }
        });
        return failures.check("every started request (by client token) ended with exactly one of Ready, Failed or "
                + "Not Ready (repeats of it allowed), or has a message in a dead-letter queue");
    }

    /**
     * Each end of a watch is the one the session's history gives (docs/contract.md section 6, judged as the function judges
     * it, so that every watch of one session agrees): Ready if the planned start-up made it usable before its creation
     * plus the timeout; Failed if it failed before then without ever being usable; Not Ready otherwise. The event's
     * {@code state} is what the session was when it was read.
     */
    private Check readinessAgreesWithTheSession() {
        Failures failures = new Failures();
        SoakPlan plan = facts.result.plan();
        boolean getSessionRefuses = plan.faults().stream().map(FaultSpec::parse)
                .anyMatch(fault -> fault.target().equals("GetSession") && fault.kind().equals("ACCESS_DENIED"));
        for (SoakResult.ReadinessRead read : facts.result.reads()) {
            JsonNode detail = read.event().detail();
            String clientToken = detail.path("clientToken").asText();
            String which = read.event().detailType() + " of " + clientToken + " at " + at(read.event().time());
            List<SessionView> sessions = facts.sessionsOfToken.getOrDefault(clientToken, List.of());
            if (sessions.size() != 1 || read.session() == null
                    || !sessions.get(0).sessionId().equals(detail.path("sessionId").asText())) {
                failures.add(which + " names session " + detail.path("sessionId").asText() + "; the token has "
                        + sessions.stream().map(SessionView::sessionId).toList());
                continue;
            }
            SessionView atRead = read.session();
            String said = detail.path("state").isTextual() ? detail.get("state").textValue() : null;
            String planned = planned(atRead);
            if (detail.path("error").isObject()) {
                if (!getSessionRefuses || !read.event().detailType().equals(OutcomeEvents.SESSION_FAILED)) {
                    failures.add(which + " names GetSession's error " + detail.get("error")
                            + ", though GetSession never refuses in this run (" + planned + ")");
                }
                continue;
            }
            String expected = endByHistory(atRead);
            if (!read.event().detailType().equals(expected)) {
                failures.add(which + ": the session's history gives " + shortName(expected) + " (" + planned + ")");
            }
            if (!atRead.state().name().equals(said)) {
                failures.add(which + " says " + said + "; the session was " + atRead.state() + " (" + planned + ")");
            }
            if (read.event().detailType().equals(OutcomeEvents.SESSION_FAILED)
                    && !Objects.equals(atRead.stateDetails(), detail.path("stateDetails").asText(null))) {
                failures.add(which + " says " + detail.path("stateDetails").asText(null) + "; the session said "
                        + atRead.stateDetails());
            }
            if (read.event().detailType().equals(OutcomeEvents.NOT_READY)) {
                boolean terminated = detail.path("terminated").asBoolean();
                boolean stillStarting = said != null && STARTING_STATES.contains(SessionState.valueOf(said));
                if (terminated && !plan.terminateUnready()) {
                    failures.add(which + " says terminated with TERMINATE_UNREADY_SESSIONS=false");
                }
                if (!terminated && plan.terminateUnready() && stillStarting) {
                    failures.add(which + " says not terminated, though the session was still starting and "
                            + "TERMINATE_UNREADY_SESSIONS=true");
                }
                SessionState atEnd = sessions.get(0).state();
                if (terminated && atEnd != SessionState.TERMINATING && atEnd != SessionState.TERMINATED) {
                    failures.add(which + " says terminated, but the session is " + atEnd + " at the end");
                }
            }
        }
        return failures.check("each Ready, Failed and Not Ready event is the end the session's planned start-up gives "
                + "(usable or failed before its creation plus the timeout; else Not Ready), with the state it was read "
                + "in");
    }

    /** The end the function must give a session, from its planned start-up alone. */
    static String endByHistory(SessionView session) {
        Instant timesOut = session.createdAt().plus(SoakRun.WATCH_TIMEOUT);
        if (session.startup() instanceof StartupOutcome.Ready ready) {
            return session.createdAt().plus(ready.after()).isBefore(timesOut) ? OutcomeEvents.READY
                    : OutcomeEvents.NOT_READY;
        }
        if (session.startup() instanceof StartupOutcome.Failed failed) {
            return session.createdAt().plus(failed.after()).isBefore(timesOut) ? OutcomeEvents.SESSION_FAILED
                    : OutcomeEvents.NOT_READY;
        }
        return OutcomeEvents.NOT_READY;
    }

    private Check everyTaskCompleted() {
        Failures failures = new Failures();
        SoakResult.Tasks tasks = facts.result.tasks();
        Map<String, TaskView> views = tasks.views().stream()
                .collect(Collectors.toMap(TaskView::taskToken, Function.identity()));
        facts.requestOfTaskToken.forEach((taskToken, request) -> {
            TaskView task = views.get(taskToken);
            String identity = facts.identityOfAnyNumber.get(request.number());
            String clientToken = facts.tokenOfIdentity.get(identity);
            Set<String> ends = facts.readiness(clientToken).stream().map(read -> read.event().detailType())
                    .collect(Collectors.toSet());
            String which = "the task of request " + request.number() + " (" + request.kind() + ", ends "
                    + ends.stream().map(SoakChecks::shortName).sorted().toList() + ")";
            switch (task.state()) {
                case SUCCEEDED -> {
                    JsonNode output = SoakFacts.json(task.output());
                    List<SessionView> sessions = facts.sessionsOfToken.getOrDefault(clientToken, List.of());
                    if (!ends.contains(OutcomeEvents.READY) || sessions.size() != 1
                            || !sessions.get(0).sessionId().equals(output.path("sessionId").asText())
                            || !Objects.equals(clientToken, output.path("clientToken").asText())
                            || !output.path("state").isTextual()) {
                        // The state is the one read: a session usable in time may have idled out since (Ready by its
                        // history, TERMINATING when read), so any state goes with a Ready end.
                        failures.add(which + " succeeded with " + output.path("sessionId").asText() + " in state "
                                + output.path("state").asText());
                    }
                }
                case FAILED -> {
                    Set<String> expected = expectedFailureNames(request, identity, ends);
                    if (!expected.contains(task.error())) {
                        failures.add(which + " failed as " + task.error() + ", not one of " + expected);
                    }
                }
                case TIMED_OUT, STOPPED -> {
                    if (tasks.closedBySoak().get(taskToken) != task.state()) {
                        failures.add(which + " is " + task.state() + ", but the soak did not close it");
                    }
                }
                case WAITING -> {
                    if (!facts.inADeadLetterQueue(identity)) {
                        failures.add(which + " is still waiting, and no message of it is in a dead-letter queue");
                    }
                }
                default -> throw new IllegalStateException(task.state().name());
            }
        });
        if (facts.requestOfTaskToken.isEmpty() && facts.result.plan().taskShare() > 0) {
            failures.add("no request carried a task token: the check would prove nothing");
        }
        return failures.check("every task was completed as its request ended (succeeded when ready, failed with the "
                + "matching name otherwise), or stopped or timed out by the workflow, or its request is in a "
                + "dead-letter queue");
    }

    /** The error names a task may fail with, by what became of its request. */
    private Set<String> expectedFailureNames(PlannedRequest request, String identity, Set<String> ends) {
        Set<String> names = new LinkedHashSet<>();
        if (!request.valid()) {
            names.add(TaskFailure.forStartError(ErrorInfo.of(request.kind().rejectionCode(), "", false)).errorName());
            return names;
        }
        if (ends.contains(OutcomeEvents.SESSION_FAILED)) {
            names.add(TaskFailure.SESSION_FAILED.errorName());
        }
        if (ends.contains(OutcomeEvents.NOT_READY)) {
            names.add(TaskFailure.SESSION_NOT_READY.errorName());
        }
        if (facts.started(identity).isEmpty()
                && (facts.finallyFailed(identity) || facts.inADeadLetterQueue(identity))) {
            names.add(TaskFailure.START_FAILED.errorName());
            names.add(TaskFailure.START_REJECTED.errorName());
        } else if (facts.inADeadLetterQueue(identity)) {
            // A request sent twice carries its task token twice: the copy that failed on its last delivery fails the
            // task as the contract says, even when the other copy started; Step Functions keeps the first answer.
            names.add(TaskFailure.START_FAILED.errorName());
        }
        return names;
    }

    private static String describe(List<SoakResult.ReadinessRead> reads) {
        String planned = reads.get(0).session() == null ? "" : " (session " + planned(reads.get(0).session()) + ")";
        return reads.stream().map(read -> shortName(read.event().detailType()) + " ("
                + read.event().detail().path("state").asText() + ") at " + at(read.event().time()) + " after "
                + read.event().detail().path("checks").asInt() + " reads of a watch from "
                + at(watchStart(read.event())))
                .collect(Collectors.joining(", ")) + planned;
    }

    /**
     * How many watches published these events, told apart by when they began (the events give the time waited in
     * milliseconds, so one watch's start is known to a millisecond).
     */
    static long watches(List<SoakResult.ReadinessRead> reads) {
        List<Instant> starts = reads.stream().map(read -> watchStart(read.event())).sorted().toList();
        long watches = starts.isEmpty() ? 0 : 1;
        for (int i = 1; i < starts.size(); i++) {
            if (Duration.between(starts.get(i - 1), starts.get(i)).toMillis() > 2) {
                watches++;
            }
        }
        return watches;
    }

    /** When the watch that published a readiness event began: its request's hand-over to the watch. */
    static Instant watchStart(RecordedEvent event) {
        JsonNode detail = event.detail();
        double seconds = detail.has("secondsToReady") ? detail.get("secondsToReady").asDouble()
                : detail.path("secondsWaited").asDouble();
        return event.time().minusMillis(Math.round(seconds * 1000));
    }

    static String shortName(String detailType) {
        return detailType.replace("EMR Serverless Session ", "");
    }

    /** An emulated instant as seconds into the run. */
    static String at(Instant instant) {
        return String.format(Locale.ROOT, "+%.1fs", Duration.between(SoakRun.START, instant).toMillis() / 1000.0);
    }

    /** The session's planned start-up, from its creation. */
    static String planned(SessionView session) {
        return StartupKind.of(session.startup()).label() + ", created " + at(session.createdAt());
    }

    private Check noSecretLeaks() {
        Failures failures = new Failures();
        OutputScanner output = facts.result.output();
        if (output.leakCount() > 0) {
            failures.add(output.leakCount() + " lines of output hold a planted secret, e.g. " + output.leaks());
        }
        if (output.tokenLeakCount() > 0) {
            failures.add(output.tokenLeakCount() + " lines of output hold a task token, e.g. " + output.tokenLeaks());
        }
        TokenLeaks tokens = new TokenLeaks(facts.requestOfTaskToken.keySet());
        for (RecordedEvent event : facts.result.events()) {
            String text = event.detail().toString() + " " + event.resources();
            if (text.contains(SoakTraffic.SECRET_MARKER)) {
                failures.add("an outcome event holds a planted secret: " + event.detail());
            }
            if (tokens.foundIn(text)) {
                failures.add("an outcome event holds a task token: " + TokenLeaks.redact(text));
            }
        }
        for (TaskCallbackCall call : facts.result.tasks().calls()) {
            String said = call.operation() == TaskCallbackOperation.SEND_TASK_SUCCESS ? call.output()
                    : call.error() + " " + call.cause();
            if (said != null && said.contains(SoakTraffic.SECRET_MARKER)) {
                failures.add(call.operation().apiName() + " carried a planted secret: " + said);
            }
            if (said != null && tokens.foundIn(said)) {
                failures.add(call.operation().apiName() + " carried a task token: " + TokenLeaks.redact(said));
            }
        }
        long carried = facts.result.startSessionRequestBodies().stream()
                .filter(body -> body.contains(SoakTraffic.SECRET_MARKER)).count();
        if (carried == 0 && !facts.result.startSessionRequestBodies().isEmpty()) {
            failures.add("no StartSession call carried a planted secret: the check would prove nothing");
        }
        return failures.check("no planted secret and no task token appears in any log line, metric, outcome event, "
                + "or task output or failure");
    }

    /** Collects what broke a check, keeping the first few and counting the rest. */
    private static final class Failures {
        private final List<String> examples = new ArrayList<>();
        private final List<String> knownExamples = new ArrayList<>();
        private int count;
        private int knownCount;
        private String knownDefect;

        void add(String failure) {
            count++;
            if (examples.size() < EXAMPLES) {
                examples.add(failure);
            }
        }

        /** A case of a defect listed in {@link #KNOWN_DEFECTS}, or a failure once it is no longer listed. */
        void addKnown(String defect, String failure) {
            if (!KNOWN_DEFECTS.containsKey(defect)) {
                add(failure);
                return;
            }
            knownDefect = defect;
            knownCount++;
            if (knownExamples.size() < EXAMPLES) {
                knownExamples.add(failure);
            }
        }

        Check check(String name) {
            return new Check(name, withRest(examples, count), knownDefect, withRest(knownExamples, knownCount));
        }

        private static List<String> withRest(List<String> examples, int count) {
            List<String> reported = new ArrayList<>(examples);
            if (count > examples.size()) {
                reported.add("... and " + (count - examples.size()) + " more");
            }
            return reported;
        }
    }
}

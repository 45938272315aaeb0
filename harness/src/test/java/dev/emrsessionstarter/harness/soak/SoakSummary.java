package dev.emrsessionstarter.harness.soak;

import dev.emrsessionstarter.emulator.emr.SessionView;
import dev.emrsessionstarter.emulator.stepfunctions.TaskState;
import dev.emrsessionstarter.emulator.stepfunctions.TaskView;
import dev.emrsessionstarter.harness.soak.PlannedRequest.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The readable report of a soak run: what went in, what happened, how long it took, and each check's verdict. */
final class SoakSummary {

    private SoakSummary() {
    }

    static String of(SoakFacts facts, List<SoakChecks.Check> checks) {
        SoakResult result = facts.result;
        StringBuilder out = new StringBuilder();
        line(out, "Soak run: %s", result.plan().describe());

        long valid = facts.requestOfIdentity.values().stream().filter(PlannedRequest::valid).count();
        line(out, "  traffic       %d requests in %d messages: %d valid (%d plain, %d keyed, %d in EventBridge events, "
                        + "%d in SNS notifications, %d sent twice), %d invalid or refused",
                facts.requestOfIdentity.size(), result.sent().size(), valid, distinct(facts, Kind.PLAIN),
                distinct(facts, Kind.KEYED), distinct(facts, Kind.IN_EVENTBRIDGE_ENVELOPE),
                distinct(facts, Kind.IN_SNS_NOTIFICATION), distinct(facts, Kind.SENT_TWICE),
                facts.requestOfIdentity.size() - valid);

        SoakResult.Invocations invocations = result.invocations();
        int deliveries = result.fates().values().stream().mapToInt(SoakResult.MessageFate::deliveries).sum();
        line(out, "  invocations   %d (%d ended without a response, %d of them simulated crashes; %d execution "
                        + "environments); %d deliveries, %d of them redeliveries",
                invocations.count(), invocations.functionErrors(), invocations.crashes(), invocations.environments(),
                deliveries, deliveries - result.sent().size());

        long quotaSessions = result.sessions().stream()
                .filter(session -> session.applicationId().equals(SoakTraffic.QUOTA_APPLICATION)).count();
        line(out, "  StartSession  %d calls; %d sessions (%d on the small-quota application)",
                result.startSessionRequestBodies().size(), result.sessions().size(), quotaSessions);

        long started = facts.startedEvents.values().stream().mapToLong(List::size).sum();
        long finalFailures = facts.failureEvents.values().stream().flatMap(List::stream)
                .filter(failure -> failure.path("final").asBoolean()).count();
        long retryFailures = facts.failureEvents.values().stream().mapToLong(List::size).sum() - finalFailures;
        line(out, "  events        %d Started (%d requests), %d final failures, %d failures before a retry; by code %s",
                started, facts.startedEvents.size(), finalFailures, retryFailures, failureCodes(facts));

        long acknowledged = result.fates().values().stream().filter(SoakResult.MessageFate::deleted).count();
        long deadValid = result.deadLettered().stream().filter(id -> facts.requestOfMessage.get(id).valid()).count();
        long deadWithFinalEvent = result.deadLettered().stream()
                .filter(id -> facts.requestOfMessage.get(id).valid())
                .filter(id -> facts.finallyFailed(facts.identityOfMessage.get(id))).count();
        long deadAfterCrash = result.deadLettered().stream()
                .filter(id -> result.fates().get(id).lastUnanswered()).count();
        line(out, "  ended         %d acknowledged, %d dead-lettered (%d valid: %d with a final failure event; %d "
                        + "whose last delivery crashed)",
                acknowledged, result.deadLettered().size(), deadValid, deadWithFinalEvent, deadAfterCrash);

        long unpublishedInvalid = result.output().unpublishedEventsByDelivery().keySet().stream()
                .filter(id -> facts.requestOfMessage.containsKey(id) && !facts.requestOfMessage.get(id).valid())
                .count();
        line(out, "  invalid       %d rejected without a StartSession call; %d answered again after their rejection "
                + "event could not be published", facts.count(request -> !request.valid()), unpublishedInvalid);
        int unpublished = result.output().unpublishedEventsByDelivery().values().stream().mapToInt(i -> i).sum();
        readiness(out, facts);
        line(out, "  output        %d lines scanned, %d with a planted secret, %d with a task token; %d outcome events "
                + "could not be published (their requests were handed back), %d readiness events (their checks "
                + "were)", result.output().lines(), result.output().leakCount(), result.output().tokenLeakCount(),
                unpublished, result.output().readinessEventsNotPublished());
        double seconds = (result.sending().toMillis() + result.draining().toMillis()) / 1000.0;
        SoakResult.Invocations watch = result.watch().invocations();
        line(out, "  time          %.1f s sending, %.1f s draining (%.1f s of it inside the request function, %.0f ms "
                        + "per invocation; %.1f s inside the watch function, %.0f ms per invocation), %.1f s in all "
                        + "(%.0f messages/s); the last request invocation ended after %.1f s, the last check "
                        + "after %.1f s; %.0f s of emulated time",
                result.sending().toMillis() / 1000.0, result.draining().toMillis() / 1000.0,
                invocations.inFunction().toMillis() / 1000.0,
                invocations.inFunction().toMillis() / (double) Math.max(invocations.count(), 1),
                watch.inFunction().toMillis() / 1000.0,
                watch.inFunction().toMillis() / (double) Math.max(watch.count(), 1), seconds,
                result.sent().size() / Math.max(seconds, 0.001), invocations.lastEnded().toMillis() / 1000.0,
                watch.lastEnded().toMillis() / 1000.0, (double) result.emulatedTime().toSeconds());
        line(out, "Checks:");
        for (SoakChecks.Check check : checks) {
            line(out, "  [%s] %s", !check.failures().isEmpty() ? "FAILED" : check.holds() ? "ok" : "KNOWN DEFECT",
                    check.name());
            check.failures().forEach(failure -> line(out, "         - %s", failure));
            if (!check.knownCases().isEmpty()) {
                line(out, "         known defect of the function (%s): %s", check.knownDefect(),
                        SoakChecks.KNOWN_DEFECTS.get(check.knownDefect()));
                check.knownCases().forEach(failure -> line(out, "         - %s", failure));
            }
        }
        return out.toString();
    }

    /** The watch, its ends by planned start-up, and the tasks. */
    private static void readiness(StringBuilder out, SoakFacts facts) {
        SoakResult result = facts.result;
        SoakResult.Watch watch = result.watch();
        SoakResult.Invocations invocations = watch.invocations();
        int deliveries = watch.fates().values().stream().mapToInt(SoakResult.MessageFate::deliveries).sum();
        line(out, "  watch         %d invocations (%d ended without a response, %d of them simulated crashes; %d "
                        + "execution environments); %d checks in %d deliveries; %d GetSession and %d "
                        + "TerminateSession calls",
                invocations.count(), invocations.functionErrors(), invocations.crashes(), invocations.environments(),
                watch.fates().size(), deliveries, watch.getSessionCalls(), watch.terminateSessionCalls());

        Map<String, Long> ends = new TreeMap<>();
        Map<String, Map<String, Long>> byPlan = new TreeMap<>();
        long noEnd = 0;
        long noEndDeadLettered = 0;
        long terminated = 0;
        long differByWatches = 0;
        long differInOneWatch = 0;
        for (String identity : facts.startedEvents.keySet()) {
            String clientToken = facts.tokenOfIdentity.get(identity);
            List<SoakResult.ReadinessRead> reads = facts.readiness(clientToken);
            Set<String> kinds = reads.stream().map(read -> SoakChecks.shortName(read.event().detailType()))
                    .collect(Collectors.toCollection(TreeSet::new));
            String end = kinds.isEmpty() ? "no end" : String.join(" + ", kinds);
            ends.merge(end, 1L, Long::sum);
            if (kinds.size() > 1) {
                boolean oneWatch = SoakChecks.watches(reads) == 1;
                differInOneWatch += oneWatch ? 1 : 0;
                differByWatches += oneWatch ? 0 : 1;
            }
            if (kinds.isEmpty()) {
                noEnd++;
                noEndDeadLettered += facts.inADeadLetterQueue(identity) ? 1 : 0;
            }
            terminated += reads.stream().anyMatch(read -> read.event().detail().path("terminated").asBoolean()) ? 1 : 0;
            List<SessionView> sessions = facts.sessionsOfToken.getOrDefault(clientToken, List.of());
            String planned = sessions.size() == 1 ? StartupKind.of(sessions.get(0).startup()).label() : "no session";
            byPlan.computeIfAbsent(planned, unused -> new TreeMap<>()).merge(end, 1L, Long::sum);
        }
        long events = result.reads().size();
        line(out, "  readiness     %d started requests (client tokens): %s; %d Not Ready sessions terminated; %d "
                        + "without an end (%d of them with a message in a dead-letter queue); %d with different ends "
                        + "(%d from two watches or more, %d from one watch); %d readiness events in all",
                facts.startedEvents.size(), ends, terminated, noEnd, noEndDeadLettered,
                differByWatches + differInOneWatch, differByWatches, differInOneWatch, events);
        byPlan.forEach((planned, counts) -> line(out, "    %-18s %s", planned, counts));

        SoakResult.Tasks tasks = result.tasks();
        Map<String, TaskView> views = tasks.views().stream()
                .collect(Collectors.toMap(TaskView::taskToken, view -> view));
        Map<TaskState, Long> states = new TreeMap<>();
        Map<String, Long> failureNames = new TreeMap<>();
        long heartbeats = 0;
        for (String taskToken : facts.requestOfTaskToken.keySet()) {
            TaskView task = views.get(taskToken);
            states.merge(task.state(), 1L, Long::sum);
            heartbeats += task.heartbeats();
            if (task.state() == TaskState.FAILED) {
                failureNames.merge(task.error().substring(task.error().lastIndexOf('.') + 1), 1L, Long::sum);
            }
        }
        long validWithTask = facts.requestOfTaskToken.values().stream().filter(PlannedRequest::valid).count();
        Map<String, Long> callbacks = new TreeMap<>();
        tasks.calls().forEach(call -> callbacks.merge(call.operation().apiName(), 1L, Long::sum));
        line(out, "  tasks         %d task tokens (%d on valid requests): %s; failed as %s; %d closed by the "
                        + "workflow while waiting; %d heartbeats accepted; callbacks received %s",
                facts.requestOfTaskToken.size(), validWithTask, states, failureNames, tasks.closedBySoak().size(),
                heartbeats, callbacks);
        line(out, "  dead letters  %d request messages, %d checks", result.deadLettered().size(),
                watch.deadLetters().size());
    }

    private static long distinct(SoakFacts facts, Kind kind) {
        return facts.requestOfIdentity.values().stream().filter(request -> request.kind() == kind).count();
    }

    private static Map<String, Long> failureCodes(SoakFacts facts) {
        Map<String, Long> codes = new TreeMap<>();
        facts.failureEvents.values().stream().flatMap(List::stream)
                .map(failure -> failure.path("error").path("code").asText())
                .forEach(code -> codes.merge(code, 1L, Long::sum));
        return codes;
    }

    private static void line(StringBuilder out, String format, Object... arguments) {
        out.append(String.format(Locale.ROOT, format, arguments)).append('\n');
    }
}

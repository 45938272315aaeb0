package dev.emrsessionstarter.harness.soak;

import dev.emrsessionstarter.harness.soak.PlannedRequest.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
        line(out, "  output        %d lines scanned, %d with a planted secret; %d outcome events could not be "
                + "published (their requests were handed back)", result.output().lines(),
                result.output().leakCount(), unpublished);
        double seconds = (result.sending().toMillis() + result.draining().toMillis()) / 1000.0;
        line(out, "  time          %.1f s sending, %.1f s draining (%.1f s of it inside the function, %.0f ms per "
                        + "invocation), %.1f s in all (%.0f messages/s)",
                result.sending().toMillis() / 1000.0, result.draining().toMillis() / 1000.0,
                invocations.inFunction().toMillis() / 1000.0,
                invocations.inFunction().toMillis() / (double) Math.max(invocations.count(), 1), seconds,
                result.sent().size() / Math.max(seconds, 0.001));
        line(out, "Checks:");
        for (SoakChecks.Check check : checks) {
            line(out, "  [%s] %s", check.holds() ? "ok" : "FAILED", check.name());
            check.failures().forEach(failure -> line(out, "         - %s", failure));
        }
        return out.toString();
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

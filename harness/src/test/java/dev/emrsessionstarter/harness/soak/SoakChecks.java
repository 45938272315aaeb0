package dev.emrsessionstarter.harness.soak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.emulator.emr.SessionView;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The invariants a soak run must keep, each checked over the whole run and reported with what broke it. */
final class SoakChecks {

    /** @param failures the first few things that broke it (empty when it holds) */
    record Check(String name, List<String> failures) {
        boolean holds() {
            return failures.isEmpty();
        }
    }

    private static final int EXAMPLES = 5;

    private final SoakFacts facts;

    SoakChecks(SoakFacts facts) {
        this.facts = facts;
    }

    List<Check> all() {
        return List.of(everyMessageSettled(), invocationsFailOnlyByCrashes(), startSessionOnlyForValidRequests(),
                oneSessionPerIdentity(), startedEventsNameTheSession(), everyValidRequestHasAnOutcome(),
                deadLettersFollowAFinalFailureEvent(), invalidRequestsRejectedOnce(), noSecretLeaks());
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
            if (fate == null || !fate.deleted() || facts.deadLettered(messageId)) {
                failures.add(which + " was not acknowledged");
            }
            if (events.isEmpty() || !facts.started(identity).isEmpty()) {
                failures.add(which + " has " + events.size() + " failure events and "
                        + facts.started(identity).size() + " Started events");
            }
            for (JsonNode event : events) {
                JsonNode error = event.path("error");
                if (!request.kind().rejectionCode().equals(error.path("code").asText())
                        || error.path("retryable").asBoolean(true) || !event.path("final").asBoolean(false)) {
                    failures.add(which + " was not rejected as " + request.kind().rejectionCode() + ": " + error);
                }
            }
            // Handed back only when its invocation crashed or its rejection event could not be published.
            int answered = fate == null ? 0 : fate.deliveries() - fate.unanswered();
            if (answered != 1 + unpublished.getOrDefault(messageId, 0)) {
                failures.add(which + " was answered " + answered + " times; its rejection event failed "
                        + unpublished.getOrDefault(messageId, 0) + " times");
            }
        });
        return failures.check("invalid requests were rejected with their code, once, and never reached StartSession");
    }

    private Check noSecretLeaks() {
        Failures failures = new Failures();
        OutputScanner output = facts.result.output();
        if (output.leakCount() > 0) {
            failures.add(output.leakCount() + " lines of output hold a planted secret, e.g. " + output.leaks());
        }
        for (RecordedEvent event : facts.result.events()) {
            if (event.detail().toString().contains(SoakTraffic.SECRET_MARKER)) {
                failures.add("an outcome event holds a planted secret: " + event.detail());
            }
        }
        long carried = facts.result.startSessionRequestBodies().stream()
                .filter(body -> body.contains(SoakTraffic.SECRET_MARKER)).count();
        if (carried == 0 && !facts.result.startSessionRequestBodies().isEmpty()) {
            failures.add("no StartSession call carried a planted secret: the check would prove nothing");
        }
        return failures.check("no planted secret appears in any log line or outcome event");
    }

    /** Collects what broke a check, keeping the first few and counting the rest. */
    private static final class Failures {
        private final List<String> examples = new ArrayList<>();
        private int count;

        void add(String failure) {
            count++;
            if (examples.size() < EXAMPLES) {
                examples.add(failure);
            }
        }

        Check check(String name) {
            List<String> reported = new ArrayList<>(examples);
            if (count > examples.size()) {
                reported.add("... and " + (count - examples.size()) + " more");
            }
            return new Check(name, reported);
        }
    }
}

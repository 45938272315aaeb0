package dev.emrsessionstarter.harness.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.core.reading.ClientTokens;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.emulator.emr.SessionView;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A soak result indexed the ways the checks look at it: by message, by request identity, by client token. */
final class SoakFacts {

    private static final ObjectMapper JSON = new ObjectMapper();

    final SoakResult result;
    final Map<String, PlannedRequest> requestOfMessage = new LinkedHashMap<>();
    final Map<String, String> identityOfMessage = new HashMap<>();
    final Map<String, List<String>> messagesOfIdentity = new LinkedHashMap<>();
    final Map<String, PlannedRequest> requestOfIdentity = new LinkedHashMap<>();
    /** Valid requests only: the token the function must derive, and back. */
    final Map<String, String> tokenOfIdentity = new HashMap<>();
    final Map<String, String> identityOfToken = new HashMap<>();
    final Map<Integer, String> identityOfNumber = new HashMap<>();
    final Map<String, List<JsonNode>> startedEvents = new HashMap<>();
    final Map<String, List<JsonNode>> failureEvents = new HashMap<>();
    final Map<String, List<SessionView>> sessionsOfToken = new HashMap<>();
    final List<JsonNode> startSessionBodies = new ArrayList<>();

    SoakFacts(SoakResult result) {
        this.result = result;
        for (SoakResult.SentMessage message : result.sent()) {
            PlannedRequest request = message.request();
            String identity = request.identity(message.messageId());
            requestOfMessage.put(message.messageId(), request);
            identityOfMessage.put(message.messageId(), identity);
            messagesOfIdentity.computeIfAbsent(identity, unused -> new ArrayList<>()).add(message.messageId());
            requestOfIdentity.put(identity, request);
            if (request.valid()) {
                String token = ClientTokens.derive(identity, request.applicationId());
                tokenOfIdentity.put(identity, token);
                identityOfToken.put(token, identity);
                identityOfNumber.put(request.number(), identity);
            }
        }
        for (RecordedEvent event : result.events()) {
            JsonNode detail = event.detail();
            String identity = detail.path("requestIdentity").asText(null);
            (OutcomeEvents.STARTED.equals(event.detailType()) ? startedEvents : failureEvents)
                    .computeIfAbsent(identity, unused -> new ArrayList<>()).add(detail);
        }
        for (SessionView session : result.sessions()) {
            sessionsOfToken.computeIfAbsent(session.clientToken(), unused -> new ArrayList<>()).add(session);
        }
        for (String body : result.startSessionRequestBodies()) {
            try {
                startSessionBodies.add(JSON.readTree(body));
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
        }
    }

    boolean deadLettered(String messageId) {
        return result.deadLettered().contains(messageId);
    }

    boolean allDeadLettered(String identity) {
        return messagesOfIdentity.get(identity).stream().allMatch(this::deadLettered);
    }

    List<JsonNode> started(String identity) {
        return startedEvents.getOrDefault(identity, List.of());
    }

    List<JsonNode> failures(String identity) {
        return failureEvents.getOrDefault(identity, List.of());
    }

    boolean finallyFailed(String identity) {
        return failures(identity).stream().anyMatch(failure -> failure.path("final").asBoolean());
    }

    long count(java.util.function.Predicate<PlannedRequest> which) {
        return result.sent().stream().map(SoakResult.SentMessage::request).filter(which).count();
    }
}

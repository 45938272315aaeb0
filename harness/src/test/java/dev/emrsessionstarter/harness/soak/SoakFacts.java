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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A soak result indexed the ways the checks look at it: by message, by request identity, by client token, by task
 * token.
 */
final class SoakFacts {

    /** The detail-types that end a watch. */
    static final Set<String> READINESS = Set.of(OutcomeEvents.READY, OutcomeEvents.SESSION_FAILED,
            OutcomeEvents.NOT_READY);

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
    /** Every request's identity, valid or not, by its number. */
    final Map<Integer, String> identityOfAnyNumber = new HashMap<>();
    final Map<String, List<JsonNode>> startedEvents = new HashMap<>();
    /** Start Failed events, by request identity. */
    final Map<String, List<JsonNode>> failureEvents = new HashMap<>();
    /** Ready, Session Failed and Not Ready events with the session as read, by client token, in publishing order. */
    final Map<String, List<SoakResult.ReadinessRead>> readinessOfToken = new LinkedHashMap<>();
    final Map<String, List<SessionView>> sessionsOfToken = new HashMap<>();
    final List<JsonNode> startSessionBodies = new ArrayList<>();
    /** The client tokens of the checks in the watch queue's dead-letter queue. */
    final Set<String> watchDeadLetteredTokens = new HashSet<>();
    /** Requests that carry a task token, by token (a request sent twice once). */
    final Map<String, PlannedRequest> requestOfTaskToken = new LinkedHashMap<>();

    SoakFacts(SoakResult result) {
        this.result = result;
        for (SoakResult.SentMessage message : result.sent()) {
            PlannedRequest request = message.request();
            String identity = request.identity(message.messageId());
            requestOfMessage.put(message.messageId(), request);
            identityOfMessage.put(message.messageId(), identity);
            messagesOfIdentity.computeIfAbsent(identity, unused -> new ArrayList<>()).add(message.messageId());
            requestOfIdentity.put(identity, request);
            identityOfAnyNumber.put(request.number(), identity);
            if (request.valid()) {
                String token = ClientTokens.derive(identity, request.applicationId());
                tokenOfIdentity.put(identity, token);
                identityOfToken.put(token, identity);
                identityOfNumber.put(request.number(), identity);
            }
            if (request.hasTask()) {
                requestOfTaskToken.put(request.taskToken(), request);
            }
        }
        for (RecordedEvent event : result.events()) {
            JsonNode detail = event.detail();
            String identity = detail.path("requestIdentity").asText(null);
            if (OutcomeEvents.STARTED.equals(event.detailType())) {
                startedEvents.computeIfAbsent(identity, unused -> new ArrayList<>()).add(detail);
            } else if (OutcomeEvents.START_FAILED.equals(event.detailType())) {
                failureEvents.computeIfAbsent(identity, unused -> new ArrayList<>()).add(detail);
            }
        }
        for (SoakResult.ReadinessRead read : result.reads()) {
            readinessOfToken.computeIfAbsent(read.event().detail().path("clientToken").asText(),
                    unused -> new ArrayList<>()).add(read);
        }
        for (String body : result.watch().deadLetters().values()) {
            watchDeadLetteredTokens.add(json(body).path("clientToken").asText());
        }
        for (SessionView session : result.sessions()) {
            sessionsOfToken.computeIfAbsent(session.clientToken(), unused -> new ArrayList<>()).add(session);
        }
        for (String body : result.startSessionRequestBodies()) {
            startSessionBodies.add(json(body));
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    boolean deadLettered(String messageId) {
        return result.deadLettered().contains(messageId);
    }

    boolean allDeadLettered(String identity) {
        return messagesOfIdentity.get(identity).stream().allMatch(this::deadLettered);
    }

    /**
     * Whether a message of the request is in one of the dead-letter queues: one of its deliveries in the request
     * queue's, or a check of its session in the watch queue's.
     */
    boolean inADeadLetterQueue(String identity) {
        return messagesOfIdentity.getOrDefault(identity, List.of()).stream().anyMatch(this::deadLettered)
                || watchDeadLetteredTokens.contains(tokenOfIdentity.get(identity));
    }

    List<SoakResult.ReadinessRead> readiness(String clientToken) {
        return readinessOfToken.getOrDefault(clientToken, List.of());
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

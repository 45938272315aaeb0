package dev.emrsessionstarter.harness.run;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.core.watching.WatchPolicy;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.entrypoint.ReadinessCheckHandler;
import dev.emrsessionstarter.testing.EmulatedAws;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.SqsQueue;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Plays the watch function's event source mapping for a local run: checks come off the real watch queue as their
 * delays pass, go to the watch handler, and the report says what each found, until every started session's watch has
 * ended.
 */
final class WatchFollower {

    private static final Set<String> WATCH_ENDS =
            Set.of(OutcomeEvents.READY, OutcomeEvents.SESSION_FAILED, OutcomeEvents.NOT_READY);
    /** How long past the first check a local run waits for the watches: far beyond the emulator's quick start-up. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmulatedAws aws;
    private final ReadinessCheckHandler watch;
    private final PrintStream report;
    private final PrintStream logs;
    private final WatchPolicy policy;

    /** @param logs where the watch function's log lines go while it runs */
    WatchFollower(EmulatedAws aws, ReadinessCheckHandler watch, PrintStream report, PrintStream logs,
                  WatchPolicy policy) {
        this.aws = aws;
        this.watch = watch;
        this.report = report;
        this.logs = logs;
        this.policy = policy;
    }

    void followUntilEveryWatchEnds() {
        Set<String> started = clientTokens(Set.of(OutcomeEvents.STARTED));
        if (started.isEmpty()) {
            return;
        }
        report.println();
        report.println("Readiness watch (" + checks() + "; the emulated sessions start in about 3 s):");
        SqsQueue queue = aws.watchQueue();
        Instant giveUp = Instant.now().plus(policy.firstCheck()).plus(PATIENCE);
        int checks = 0;
        while (!clientTokens(WATCH_ENDS).containsAll(started) && Instant.now().isBefore(giveUp)) {
            List<Message> messages = queue.client().receiveMessage(request -> request.queueUrl(queue.url())
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            if (messages.isEmpty()) {
                continue;
            }
            SQSBatchResponse response = watchHandler(messages);
            Set<String> retried = new HashSet<>();
            response.getBatchItemFailures().forEach(failure -> retried.add(failure.getItemIdentifier()));
            for (Message message : messages) {
                checks++;
                report.println("  check " + checks + ": " + describe(message, retried));
                if (!retried.contains(message.messageId())) {
                    queue.client().deleteMessage(request -> request.queueUrl(queue.url())
                            .receiptHandle(message.receiptHandle()));
                }
            }
        }
        List<RecordedEvent> ends = aws.events().events().stream()
                .filter(event -> WATCH_ENDS.contains(event.detailType())).toList();
        report.println();
        report.println("Readiness events published (" + ends.size() + "):");
        ends.forEach(event -> report.println("  " + event.detailType() + "  sessionId="
                + event.detail().path("sessionId").asText() + "  state=" + event.detail().path("state").asText()
                + "  checks=" + event.detail().path("checks").asInt()));
    }

    private String checks() {
        if (policy.firstCheck().equals(policy.maxCheck())) {
            return policy.firstCheck().equals(Duration.ofSeconds(1)) ? "checks every second"
                    : "checks every " + policy.firstCheck().toSeconds() + " s";
        }
        return "first check after " + policy.firstCheck().toSeconds() + " s, then up to every "
                + policy.maxCheck().toSeconds() + " s";
    }

    private SQSBatchResponse watchHandler(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setBody(message.body());
            record.setEventSourceArn(aws.watchQueue().arn());
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        PrintStream stdout = System.out;
        System.setOut(logs);
        try {
            return watch.handleRequest(event, LocalContext.fresh());
        } finally {
            System.setOut(stdout);
        }
    }

    private String describe(Message message, Set<String> retried) {
        JsonNode check = parse(message.body());
        String sessionId = check.path("sessionId").asText();
        String state = aws.emr().session(EmulatedAws.APPLICATION_ID, sessionId)
                .map(session -> session.state().toString()).orElse("unknown");
        return "session " + sessionId + " is " + state
                + (retried.contains(message.messageId()) ? " (the check is handed back and comes again)" : "");
    }

    private Set<String> clientTokens(Set<String> detailTypes) {
        Set<String> tokens = new HashSet<>();
        aws.events().events().stream().filter(event -> detailTypes.contains(event.detailType()))
                .forEach(event -> tokens.add(event.detail().path("clientToken").asText()));
        return tokens;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException unreadable) {
            throw new IllegalStateException("the watch queue holds a message that is not JSON", unreadable);
        }
    }
}

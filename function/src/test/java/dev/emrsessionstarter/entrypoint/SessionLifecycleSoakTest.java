package dev.emrsessionstarter.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.testing.TestSettings;
import dev.emrsessionstarter.testing.WatchFixture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole lifecycle of many sessions on one manual clock: started in batches, some ended on request (each request
 * delivered twice), some failing after they were ready, the rest idling out. Every session gets exactly one
 * Session Ended telling how it ended, and no session is terminated that nobody asked to end.
 */
class SessionLifecycleSoakTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SESSIONS = 60;

    private final WatchFixture watch = WatchFixture.start(WatchFixture.followingToEnd());

    @AfterEach
    void stop() {
        watch.close();
    }

    @Test
    void every_session_ends_once_and_as_its_history_says() {
        Random random = new Random(20261208);
        for (int batch = 0; batch < SESSIONS / 10; batch++) {
            List<SQSEvent.SQSMessage> messages = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                messages.add(SqsEvents.message("start-" + (batch * 10 + i),
                        Requests.valid().put("idleTimeoutMinutes", 30).toString()));
            }
            assertThat(watch.sqsHandler().handleRequest(SqsEvents.batch(messages), LocalContext.fresh())
                    .getBatchItemFailures()).isEmpty();
        }
        // The start-ups: checks until every session is ready; each then waits for its first follow check.
        for (int check = 0; watch.details(OutcomeEvents.READY).size() < SESSIONS; check++) {
            assertThat(check).as("checks to get every session ready").isLessThan(SESSIONS * 4);
            watch.deliverNextCheck();
        }
        assertThat(watch.details(OutcomeEvents.READY)).hasSize(SESSIONS);

        Set<String> terminated = new HashSet<>();
        Set<String> failed = new HashSet<>();
        for (JsonNode started : watch.details(OutcomeEvents.STARTED)) {
            String sessionId = started.get("sessionId").asText();
            int fate = random.nextInt(3);
            if (fate == 0) {
                terminated.add(sessionId);
                ObjectNode terminate = JSON.createObjectNode().put("action", "terminate")
                        .put("applicationId", TestSettings.APPLICATION_ID).put("sessionId", sessionId);
                for (int delivery = 0; delivery < 2; delivery++) {
                    watch.sqsHandler().handleRequest(SqsEvents.batch(SqsEvents.message("end-" + sessionId,
                            terminate.toString())), LocalContext.fresh());
                }
            } else if (fate == 1 && failed.size() < SESSIONS / 6) {
                failed.add(sessionId);
                watch.aws().emr().failSession(TestSettings.APPLICATION_ID, sessionId, "Driver lost");
            }
        }

        watch.deliverAllChecks(SESSIONS * 20);

        Map<String, List<JsonNode>> endedBySession = watch.details(OutcomeEvents.ENDED).stream()
                .collect(Collectors.groupingBy(ended -> ended.get("sessionId").asText()));
        assertThat(endedBySession).as("one Session Ended per session").hasSize(SESSIONS)
                .allSatisfy((sessionId, ends) -> assertThat(ends).hasSize(1));
        Map<String, String> endedBy = new HashMap<>();
        endedBySession.forEach((sessionId, ends) -> endedBy.put(sessionId, ends.get(0).get("endedBy").asText()));
        terminated.forEach(sessionId -> assertThat(endedBy.get(sessionId)).as(sessionId).isEqualTo("terminated"));
        failed.forEach(sessionId -> assertThat(endedBy.get(sessionId)).as(sessionId).isEqualTo("failed"));
        endedBy.entrySet().stream().filter(e -> !terminated.contains(e.getKey()) && !failed.contains(e.getKey()))
                .forEach(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo("idleTimeout"));
        assertThat(watch.aws().emr().requestCount(EmrOperation.TERMINATE_SESSION))
                .as("TerminateSession only for the sessions asked to end, once per delivery")
                .isEqualTo(terminated.size() * 2);
        assertThat(watch.details(OutcomeEvents.TERMINATED)).hasSize(terminated.size() * 2);
        assertThat(watch.details(OutcomeEvents.STILL_RUNNING)).isEmpty();
        assertThat(watch.details(OutcomeEvents.ENDED)).allSatisfy(ended ->
                assertThat(ended.get("tags").get("team").asText()).isEqualTo("analytics"));
        assertThat(terminated).isNotEmpty();
        assertThat(failed).isNotEmpty();
    }
}

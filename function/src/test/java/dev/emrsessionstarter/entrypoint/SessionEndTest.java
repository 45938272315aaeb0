package dev.emrsessionstarter.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.testing.TestSettings;
import dev.emrsessionstarter.testing.WatchFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/contract.md section 9: after Ready the watch follows each session at a slow cadence until it ends, and says
 * once how it ended and what it used; a session still running when the watch gives up gets one Still Running.
 */
class SessionEndTest {

    private WatchFixture watch = WatchFixture.start(WatchFixture.followingToEnd());

    @AfterEach
    void stop() {
        watch.close();
    }

    @Test
    void a_session_that_idles_out_ends_with_one_session_ended_naming_its_idle_timeout() {
        send(Requests.valid().put("idleTimeoutMinutes", 30));

        watch.deliverAllChecks(20);

        assertThat(watch.details(OutcomeEvents.READY)).hasSize(1);
        assertThat(watch.details(OutcomeEvents.ENDED)).singleElement().satisfies(ended -> {
            assertThat(ended.get("state").asText()).isEqualTo("TERMINATED");
            assertThat(ended.get("endedBy").asText()).isEqualTo("idleTimeout");
            assertThat(ended.get("endedAt").isTextual()).isTrue();
            assertThat(ended.get("startedAt").isTextual()).isTrue();
            assertThat(ended.get("tags").get("team").asText()).isEqualTo("analytics");
            assertThat(ended.get("sessionId").asText())
                    .isEqualTo(watch.details(OutcomeEvents.STARTED).get(0).get("sessionId").asText());
        });
        assertThat(watch.scheduled().subList(3, watch.scheduled().size())).extracting(ScheduledCheck::delay)
                .as("after Ready, a check every FOLLOW_TO_END_CHECK_MINUTES").containsOnly(Duration.ofMinutes(15));
    }

    @Test
    void a_session_terminated_on_request_ends_with_session_ended_by_termination() {
        send(Requests.valid());
        watch.deliverNextCheck();
        watch.deliverNextCheck();
        watch.deliverNextCheck();
        String sessionId = watch.details(OutcomeEvents.STARTED).get(0).get("sessionId").asText();
        assertThat(watch.details(OutcomeEvents.READY)).hasSize(1);

        watch.aws().emr().terminateSession(TestSettings.APPLICATION_ID, sessionId);
        watch.deliverAllChecks(5);

        JsonNode ended = watch.details(OutcomeEvents.ENDED).get(0);
        assertThat(ended.get("endedBy").asText()).isEqualTo("terminated");
        assertThat(watch.details(OutcomeEvents.ENDED)).hasSize(1);
    }

    @Test
    void a_session_that_fails_after_it_was_ready_ends_as_failed() {
        send(Requests.valid());
        for (int check = 0; check < 3; check++) {
            watch.deliverNextCheck();
        }
        String sessionId = watch.details(OutcomeEvents.STARTED).get(0).get("sessionId").asText();

        watch.aws().emr().failSession(TestSettings.APPLICATION_ID, sessionId, "Driver lost");
        watch.deliverAllChecks(5);

        JsonNode ended = watch.details(OutcomeEvents.ENDED).get(0);
        assertThat(ended.get("state").asText()).isEqualTo("FAILED");
        assertThat(ended.get("endedBy").asText()).isEqualTo("failed");
        assertThat(ended.get("stateDetails").asText()).isEqualTo("Driver lost");
    }

    @Test
    void a_session_still_running_when_the_watch_gives_up_gets_one_still_running() {
        watch.close();
        watch = WatchFixture.start(WatchFixture.followingToEnd().with(Settings.FOLLOW_TO_END_MAX_HOURS, "1"));
        send(Requests.valid().put("idleTimeoutMinutes", 600));

        watch.deliverAllChecks(20);

        assertThat(watch.details(OutcomeEvents.ENDED)).isEmpty();
        assertThat(watch.details(OutcomeEvents.STILL_RUNNING)).singleElement()
                .satisfies(running -> assertThat(running.get("state").asText()).isEqualTo("IDLE"));
    }

    @Test
    void without_follow_to_end_the_watch_ends_at_ready() {
        watch.close();
        watch = WatchFixture.start(WatchFixture.watching());
        send(Requests.valid());

        assertThat(watch.deliverAllChecks(10)).isEqualTo(3);
        assertThat(watch.details(OutcomeEvents.ENDED)).isEmpty();
    }

    private void send(ObjectNode request) {
        watch.sqsHandler().handleRequest(SqsEvents.batch(SqsEvents.message("m-1", request.toString())),
                LocalContext.fresh());
    }
}

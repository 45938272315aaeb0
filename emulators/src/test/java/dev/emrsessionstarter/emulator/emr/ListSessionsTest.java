package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.emrsessionstarter.internal.emrserverless.model.ListSessionsResponse;
import dev.emrsessionstarter.internal.emrserverless.model.SessionSummary;
import dev.emrsessionstarter.internal.emrserverless.model.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListSessionsTest extends EmrEmulatorTestBase {

    /** Session ids in creation order; each created one minute after the previous one. */
    private final List<String> created = new ArrayList<>();
    private Instant firstCreatedAt;

    @BeforeEach
    void createFiveSessions() {
        firstCreatedAt = clock.instant();
        for (int i = 1; i <= 5; i++) {
            created.add(start("token-" + i).sessionId());
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void paginates_newest_first() {
        List<String> seen = new ArrayList<>();
        client.listSessionsPaginator(request -> request.applicationId(APP_ID).maxResults(2))
                .sessions().forEach(summary -> seen.add(summary.sessionId()));

        assertThat(seen).containsExactlyElementsOf(reversed(created));
        assertThat(emulator.requestCount(EmrOperation.LIST_SESSIONS)).isEqualTo(3);
    }

    @Test
    void each_page_has_a_token_until_the_last() {
        ListSessionsResponse first = client.listSessions(request -> request.applicationId(APP_ID).maxResults(3));
        ListSessionsResponse second = client.listSessions(request -> request.applicationId(APP_ID).maxResults(3)
                .nextToken(first.nextToken()));

        assertThat(first.sessions()).hasSize(3);
        assertThat(first.nextToken()).matches("[A-Za-z0-9_=-]+");
        assertThat(second.sessions()).hasSize(2);
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void filters_by_states() {
        client.terminateSession(request -> request.applicationId(APP_ID).sessionId(created.get(0)));
        clock.advance(TIMINGS.terminating());

        List<SessionSummary> terminated = client.listSessions(request -> request.applicationId(APP_ID)
                .statesWithStrings("TERMINATED")).sessions();
        List<SessionSummary> running = client.listSessions(request -> request.applicationId(APP_ID)
                .statesWithStrings("IDLE", "STARTING", "SUBMITTED")).sessions();

        assertThat(terminated).extracting(SessionSummary::sessionId).containsExactly(created.get(0));
        assertThat(running).extracting(SessionSummary::sessionId).containsExactlyElementsOf(
                reversed(created.subList(1, 5)));
    }

    @Test
    void groups_by_state_when_several_are_asked() {
        String newest = start("token-6").sessionId();

        List<SessionSummary> sessions = client.listSessions(request -> request.applicationId(APP_ID)
                .statesWithStrings("SUBMITTED", "IDLE")).sessions();

        assertThat(sessions.get(0).sessionId()).isEqualTo(newest);
        assertThat(sessions.get(0).stateAsString()).isEqualTo("SUBMITTED");
        assertThat(sessions.subList(1, sessions.size())).allMatch(summary -> summary.stateAsString().equals("IDLE"));
    }

    @Test
    void filters_by_creation_time() {
        List<SessionSummary> middle = client.listSessions(request -> request.applicationId(APP_ID)
                .createdAtAfter(firstCreatedAt.plus(Duration.ofMinutes(1)))
                .createdAtBefore(firstCreatedAt.plus(Duration.ofMinutes(3)))).sessions();

        assertThat(middle).extracting(SessionSummary::sessionId)
                .containsExactly(created.get(3), created.get(2), created.get(1));
    }

    @Test
    void summaries_carry_the_required_members() {
        SessionSummary summary = client.listSessions(request -> request.applicationId(APP_ID).maxResults(1))
                .sessions().get(0);

        assertThat(summary.arn()).endsWith("/sessions/" + summary.sessionId());
        assertThat(summary.releaseLabel()).isEqualTo("emr-7.13.0");
        assertThat(summary.executionRoleArn()).isEqualTo(ROLE);
        assertThat(summary.createdBy()).isNotBlank();
        assertThat(summary.stateDetails()).isNotBlank();
        assertThat(summary.createdAt()).isNotNull();
        assertThat(summary.updatedAt()).isNotNull();
        assertThat(summary.name()).isEqualTo("nightly-exploration");
    }

    @Test
    void max_results_outside_one_to_fifty_is_refused() {
        assertThat(catchThrowableOfType(ValidationException.class,
                () -> client.listSessions(request -> request.applicationId(APP_ID).maxResults(0)))
                .awsErrorDetails().errorMessage()).contains("'maxResults'", "greater than or equal to 1");
        assertThat(catchThrowableOfType(ValidationException.class,
                () -> client.listSessions(request -> request.applicationId(APP_ID).maxResults(51)))
                .awsErrorDetails().errorMessage()).contains("'maxResults'", "less than or equal to 50");
    }

    @Test
    void a_forged_token_is_refused() {
        assertThat(catchThrowableOfType(ValidationException.class,
                () -> client.listSessions(request -> request.applicationId(APP_ID).nextToken("bm9wZQ"))))
                .isNotNull();
    }

    @Test
    void an_unknown_state_is_refused() {
        assertThat(catchThrowableOfType(ValidationException.class,
                () -> client.listSessions(request -> request.applicationId(APP_ID).statesWithStrings("SLEEPING")))
                .awsErrorDetails().errorMessage()).contains("'states'", "enum value set");
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}

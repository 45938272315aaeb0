package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.emrsessionstarter.emulator.SdkClients;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import dev.emrsessionstarter.internal.emrserverless.model.ResourceUtilization;
import dev.emrsessionstarter.internal.emrserverless.model.Session;
import dev.emrsessionstarter.internal.emrserverless.model.TotalResourceUtilization;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** GetSession's usage figures and how a session's end shows in its history. Default rates: 4 vCPU, 16 GB, 20 GB. */
class SessionUsageTest extends EmrEmulatorTestBase {

    private static final Duration TO_IDLE = TIMINGS.submitted().plus(TIMINGS.starting());
    private static final double EPSILON = 1e-9;
    /** An idle timeout longer than any test runs its clock (the base request's is 60 minutes). */
    private static final long DAY = 24 * 60;

    @Test
    void nothing_is_used_before_the_session_starts() {
        String sessionId = start("token-1").sessionId();
        clock.advance(TIMINGS.submitted().plusSeconds(5));

        Session starting = session(sessionId);

        assertThat(starting.totalExecutionDurationSeconds()).isZero();
        assertTotal(starting.totalResourceUtilization(), 0, 0, 0);
        assertBilled(starting.billedResourceUtilization(), 0, 0, 0);
    }

    @Test
    void usage_grows_linearly_with_the_clock_from_started_at() {
        String sessionId = client.startSession(validRequest("token-1").idleTimeoutMinutes(DAY).build()).sessionId();
        clock.advance(TO_IDLE);
        Instant startedAt = session(sessionId).startedAt();

        clock.advance(Duration.ofMinutes(30));
        Session halfHour = session(sessionId);
        clock.advance(Duration.ofMinutes(30));
        Session hour = session(sessionId);
        clock.advance(Duration.ofMinutes(90));
        Session twoAndHalf = session(sessionId);

        assertThat(halfHour.startedAt()).isEqualTo(startedAt);
        assertThat(halfHour.totalExecutionDurationSeconds()).isEqualTo(1800);
        assertTotal(halfHour.totalResourceUtilization(), 2, 8, 10);
        assertThat(hour.totalExecutionDurationSeconds()).isEqualTo(3600);
        assertTotal(hour.totalResourceUtilization(), 4, 16, 20);
        assertBilled(hour.billedResourceUtilization(), 4, 16, 20);
        assertThat(twoAndHalf.totalExecutionDurationSeconds()).isEqualTo(9000);
        assertTotal(twoAndHalf.totalResourceUtilization(), 10, 40, 50);
    }

    @Test
    void billing_counts_a_minute_at_least_and_duration_rounds_up_to_the_second() {
        String sessionId = start("token-1").sessionId();
        clock.advance(TO_IDLE);

        Session atStart = session(sessionId);
        clock.advance(Duration.ofMillis(9_001));
        Session tenSeconds = session(sessionId);

        assertThat(atStart.totalExecutionDurationSeconds()).isZero();
        assertBilled(atStart.billedResourceUtilization(), 4 / 60.0, 16 / 60.0, 20 / 60.0);
        assertThat(tenSeconds.totalExecutionDurationSeconds()).isEqualTo(10);
        assertTotal(tenSeconds.totalResourceUtilization(), 4 * 10 / 3600.0, 16 * 10 / 3600.0, 20 * 10 / 3600.0);
        assertBilled(tenSeconds.billedResourceUtilization(), 4 / 60.0, 16 / 60.0, 20 / 60.0);
        ResourceUtilization billed = tenSeconds.billedResourceUtilization();
        TotalResourceUtilization total = tenSeconds.totalResourceUtilization();
        assertThat(billed.vcpuHour()).isGreaterThanOrEqualTo(total.vcpuHour());
        assertThat(billed.memoryGBHour()).isGreaterThanOrEqualTo(total.memoryGBHour());
        assertThat(billed.storageGBHour()).isGreaterThanOrEqualTo(total.storageGBHour());
    }

    @Test
    void usage_stops_at_ended_at_after_termination_by_request() {
        String sessionId = start("token-1").sessionId();
        clock.advance(TO_IDLE);
        Instant startedAt = clock.instant();
        clock.advance(Duration.ofMinutes(20));
        client.terminateSession(r -> r.applicationId(APP_ID).sessionId(sessionId));

        Session terminating = session(sessionId);
        clock.advance(TIMINGS.terminating());
        Session terminated = session(sessionId);
        clock.advance(Duration.ofHours(3));
        Session later = session(sessionId);

        assertThat(terminating.stateAsString()).isEqualTo("TERMINATING");
        assertThat(terminating.endedAt()).isNull();
        assertThat(terminating.stateDetails()).isEqualTo("Session terminated by request.");
        assertThat(terminated.stateAsString()).isEqualTo("TERMINATED");
        assertThat(terminated.stateDetails()).isEqualTo("Session terminated by request.");
        assertThat(terminated.endedAt()).isEqualTo(startedAt.plus(Duration.ofMinutes(20)).plus(TIMINGS.terminating()));
        assertThat(terminated.totalExecutionDurationSeconds()).isEqualTo(20 * 60 + TIMINGS.terminating().toSeconds());
        assertThat(later.totalExecutionDurationSeconds()).isEqualTo(terminated.totalExecutionDurationSeconds());
        assertThat(later.totalResourceUtilization()).isEqualTo(terminated.totalResourceUtilization());
        assertThat(later.billedResourceUtilization()).isEqualTo(terminated.billedResourceUtilization());
        assertThat(later.endedAt()).isEqualTo(terminated.endedAt());
    }

    @Test
    void the_idle_timeout_ends_the_session_terminated_with_its_own_state_details() {
        String sessionId = client.startSession(validRequest("token-1").idleTimeoutMinutes(15L).build()).sessionId();
        Instant idleAt = clock.instant().plus(TO_IDLE);
        clock.advance(TO_IDLE.plus(Duration.ofMinutes(15)).plus(TIMINGS.terminating()));

        Session ended = session(sessionId);
        clock.advance(Duration.ofHours(1));
        Session later = session(sessionId);

        assertThat(ended.stateAsString()).isEqualTo("TERMINATED");
        assertThat(ended.stateDetails()).isEqualTo("Session terminated after its idle timeout.");
        assertThat(ended.idleSince()).isEqualTo(idleAt);
        assertThat(ended.endedAt()).isEqualTo(idleAt.plus(Duration.ofMinutes(15)).plus(TIMINGS.terminating()));
        assertThat(ended.totalExecutionDurationSeconds()).isEqualTo(15 * 60 + TIMINGS.terminating().toSeconds());
        assertThat(later.totalExecutionDurationSeconds()).isEqualTo(ended.totalExecutionDurationSeconds());
        assertThat(emulator.session(APP_ID, sessionId).orElseThrow().stateDetails())
                .isEqualTo("Session terminated after its idle timeout.");
    }

    @Test
    void a_failure_shows_its_own_state_details_and_usage_stops_at_it() {
        String sessionId = start("token-1").sessionId();
        clock.advance(TO_IDLE.plus(Duration.ofMinutes(2)));
        emulator.failSession(APP_ID, sessionId, "Session failed: the driver was lost.");

        clock.advance(Duration.ofMinutes(10));
        Session failed = session(sessionId);

        assertThat(failed.stateAsString()).isEqualTo("FAILED");
        assertThat(failed.stateDetails()).isEqualTo("Session failed: the driver was lost.");
        assertThat(failed.endedAt()).isEqualTo(clock.instant().minus(Duration.ofMinutes(10)));
        assertThat(failed.totalExecutionDurationSeconds()).isEqualTo(120);
        assertBilled(failed.billedResourceUtilization(), 4 * 120 / 3600.0, 16 * 120 / 3600.0, 20 * 120 / 3600.0);
    }

    @Test
    void a_session_that_fails_before_it_starts_has_used_nothing() {
        emulator.startupForNextSessions(1, StartupOutcome.failedAfter(Duration.ofSeconds(40), "No capacity."));
        String sessionId = start("token-1").sessionId();
        clock.advance(Duration.ofMinutes(5));

        Session failed = session(sessionId);

        assertThat(failed.stateAsString()).isEqualTo("FAILED");
        assertThat(failed.endedAt()).isEqualTo(clock.instant().minus(Duration.ofMinutes(5)).plusSeconds(40));
        assertThat(failed.startedAt()).isNull();
        assertThat(failed.totalExecutionDurationSeconds()).isZero();
        assertBilled(failed.billedResourceUtilization(), 0, 0, 0);
    }

    @Test
    void the_java_view_reports_the_same_usage() {
        String sessionId = start("token-1").sessionId();
        clock.advance(TO_IDLE.plus(Duration.ofMinutes(45)));

        SessionView view = emulator.session(APP_ID, sessionId).orElseThrow();
        Session session = session(sessionId);

        assertThat(view.startedAt()).isEqualTo(session.startedAt());
        assertThat(view.usage().totalExecutionDurationSeconds()).isEqualTo(session.totalExecutionDurationSeconds());
        assertThat(view.usage().total().vCpuHour()).isEqualTo(session.totalResourceUtilization().vcpuHour());
        assertThat(view.usage().billed().storageGbHour())
                .isEqualTo(session.billedResourceUtilization().storageGBHour());
    }

    @Test
    void rates_are_configurable_and_free_storage_is_left_out_of_the_bill() {
        UsageRates rates = new UsageRates(8, 32, 40, 0).withFreeStorageGb(30);
        try (EmrServerlessEmulator priced = EmrServerlessEmulator.builder().clock(clock).sessionTimings(TIMINGS)
                .usageRates(rates).build();
             EmrServerlessClient pricedClient = SdkClients.emr(priced.start().endpoint(), SdkClients.noRetries())) {
            priced.addApplication(Application.builder().id(APP_ID).build());
            String sessionId =
                    pricedClient.startSession(validRequest("token-1").idleTimeoutMinutes(DAY).build()).sessionId();
            clock.advance(TO_IDLE.plus(Duration.ofHours(2)));

            Session session = pricedClient.getSession(r -> r.applicationId(APP_ID).sessionId(sessionId)).session();

            assertTotal(session.totalResourceUtilization(), 16, 64, 80);
            assertBilled(session.billedResourceUtilization(), 16, 64, 20);
        }
    }

    private static void assertTotal(TotalResourceUtilization usage, double vCpu, double memory, double storage) {
        assertThat(usage.vcpuHour()).isCloseTo(vCpu, within(EPSILON));
        assertThat(usage.memoryGBHour()).isCloseTo(memory, within(EPSILON));
        assertThat(usage.storageGBHour()).isCloseTo(storage, within(EPSILON));
    }

    private static void assertBilled(ResourceUtilization usage, double vCpu, double memory, double storage) {
        assertThat(usage.vcpuHour()).isCloseTo(vCpu, within(EPSILON));
        assertThat(usage.memoryGBHour()).isCloseTo(memory, within(EPSILON));
        assertThat(usage.storageGBHour()).isCloseTo(storage, within(EPSILON));
    }

    private Session session(String sessionId) {
        return client.getSession(request -> request.applicationId(APP_ID).sessionId(sessionId)).session();
    }
}

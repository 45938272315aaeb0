package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emrsessionstarter.emulator.SdkClients;
import dev.emrsessionstarter.emulator.time.ManualClock;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import dev.emrsessionstarter.internal.emrserverless.model.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How sessions' start-ups end: plans, per-session outcomes and control on command, read through GetSession. */
class SessionStartupTest extends EmrEmulatorTestBase {

    private static final Duration FORTY_SECONDS = Duration.ofSeconds(40);

    @Test
    void without_a_plan_sessions_are_ready_after_submitted_and_starting() {
        String sessionId = start("token-1").sessionId();

        assertThat(emulator.session(APP_ID, sessionId).orElseThrow().startup())
                .isEqualTo(StartupOutcome.readyAfter(TIMINGS.submitted().plus(TIMINGS.starting())));
        clock.advance(TIMINGS.submitted().plus(TIMINGS.starting()).minusSeconds(1));
        assertThat(state(sessionId)).isEqualTo("STARTING");
        clock.advance(Duration.ofSeconds(1));
        assertThat(state(sessionId)).isEqualTo("IDLE");
    }

    @Test
    void a_ready_outcome_is_started_after_its_duration_then_idle() {
        Instant created = clock.instant();
        emulator.startupPlan(StartupPlan.seeded(1).ready(1.0, FORTY_SECONDS, Duration.ofSeconds(5)));
        String sessionId = start("token-1").sessionId();

        assertThat(state(sessionId)).isEqualTo("SUBMITTED");
        clock.advance(TIMINGS.submitted());
        assertThat(state(sessionId)).isEqualTo("STARTING");
        clock.set(created.plus(FORTY_SECONDS).minusMillis(1));
        assertThat(state(sessionId)).isEqualTo("STARTING");
        clock.set(created.plus(FORTY_SECONDS));
        Session started = session(sessionId);
        assertThat(started.stateAsString()).isEqualTo("STARTED");
        assertThat(started.startedAt()).isEqualTo(created.plus(FORTY_SECONDS));
        assertThat(started.idleSince()).isNull();
        clock.advance(Duration.ofSeconds(5));
        Session idle = session(sessionId);
        assertThat(idle.stateAsString()).isEqualTo("IDLE");
        assertThat(idle.startedAt()).isEqualTo(created.plus(FORTY_SECONDS));
        assertThat(idle.idleSince()).isEqualTo(created.plus(FORTY_SECONDS).plusSeconds(5));
    }

    @Test
    void a_failed_outcome_is_failed_with_its_state_details_after_its_duration() {
        Instant created = clock.instant();
        emulator.startupPlan(StartupPlan.seeded(1).failed(1.0, FORTY_SECONDS, "Session failed: no capacity."));
        String sessionId = start("token-1").sessionId();

        clock.advance(FORTY_SECONDS.minusSeconds(1));
        assertThat(state(sessionId)).isEqualTo("STARTING");
        clock.advance(Duration.ofSeconds(1));
        Session failed = session(sessionId);
        assertThat(failed.stateAsString()).isEqualTo("FAILED");
        assertThat(failed.stateDetails()).isEqualTo("Session failed: no capacity.");
        assertThat(failed.endedAt()).isEqualTo(created.plus(FORTY_SECONDS));
        assertThat(failed.updatedAt()).isEqualTo(created.plus(FORTY_SECONDS));
        assertThat(failed.startedAt()).isNull();

        client.terminateSession(r -> r.applicationId(APP_ID).sessionId(sessionId));
        assertThat(state(sessionId)).isEqualTo("FAILED");
    }

    @Test
    void a_never_ready_outcome_stays_starting() {
        emulator.startupPlan(StartupPlan.always(StartupOutcome.neverReady()));
        String sessionId = start("token-1").sessionId();

        clock.advance(Duration.ofDays(2));

        Session session = session(sessionId);
        assertThat(session.stateAsString()).isEqualTo("STARTING");
        assertThat(session.startedAt()).isNull();
        assertThat(session.endedAt()).isNull();
    }

    @Test
    void termination_before_a_planned_failure_wins() {
        emulator.startupPlan(StartupPlan.always(StartupOutcome.failedAfter(FORTY_SECONDS)));
        String sessionId = start("token-1").sessionId();

        clock.advance(Duration.ofSeconds(10));
        emulator.terminateSession(APP_ID, sessionId);
        clock.advance(FORTY_SECONDS);

        assertThat(state(sessionId)).isEqualTo("TERMINATED");
    }

    @Test
    void terminate_on_command_moves_through_terminating_to_terminated() {
        emulator.startupPlan(StartupPlan.always(StartupOutcome.neverReady()));
        String sessionId = start("token-1").sessionId();
        clock.advance(Duration.ofMinutes(5));
        Instant terminatedAt = clock.instant();

        emulator.terminateSession(APP_ID, sessionId);

        Session terminating = session(sessionId);
        assertThat(terminating.stateAsString()).isEqualTo("TERMINATING");
        assertThat(terminating.stateDetails()).isEqualTo("Session terminated by request.");
        clock.advance(TIMINGS.terminating().minusMillis(1));
        assertThat(state(sessionId)).isEqualTo("TERMINATING");
        clock.advance(Duration.ofMillis(1));
        Session terminated = session(sessionId);
        assertThat(terminated.stateAsString()).isEqualTo("TERMINATED");
        assertThat(terminated.endedAt()).isEqualTo(terminatedAt.plus(TIMINGS.terminating()));
    }

    @Test
    void fail_on_command_ends_a_starting_session_at_once() {
        String sessionId = start("token-1").sessionId();
        clock.advance(TIMINGS.submitted());

        emulator.failSession(APP_ID, sessionId, "Session failed: the driver exited.");

        Session failed = session(sessionId);
        assertThat(failed.stateAsString()).isEqualTo("FAILED");
        assertThat(failed.stateDetails()).isEqualTo("Session failed: the driver exited.");
        assertThat(failed.endedAt()).isEqualTo(clock.instant());
    }

    @Test
    void an_outcome_set_for_a_client_token_wins_over_the_plan() {
        emulator.startupPlan(StartupPlan.always(StartupOutcome.readyAfter(Duration.ZERO)));
        emulator.startupForClientToken("token-slow", StartupOutcome.readyAfter(Duration.ofMinutes(20)));

        String slow = start("token-slow").sessionId();
        String fast = start("token-fast").sessionId();
        clock.advance(Duration.ofMinutes(19));

        assertThat(state(slow)).isEqualTo("STARTING");
        assertThat(state(fast)).isEqualTo("IDLE");
        clock.advance(Duration.ofMinutes(1));
        assertThat(state(slow)).isEqualTo("IDLE");
    }

    @Test
    void the_next_sessions_take_the_queued_outcome_then_the_plan_resumes() {
        emulator.startupPlan(StartupPlan.always(StartupOutcome.readyAfter(FORTY_SECONDS)));
        emulator.startupForNextSessions(2, StartupOutcome.failedAfter(Duration.ofSeconds(5)));

        List<String> sessionIds = IntStream.rangeClosed(1, 3).mapToObj(i -> start("token-" + i).sessionId()).toList();
        clock.advance(FORTY_SECONDS);

        assertThat(sessionIds).extracting(this::state).containsExactly("FAILED", "FAILED", "IDLE");
    }

    @Test
    void a_retried_start_session_keeps_the_outcome_of_its_session() {
        emulator.startupForNextSessions(1, StartupOutcome.neverReady());
        String first = start("token-1").sessionId();

        String retried = start("token-1").sessionId();
        clock.advance(Duration.ofHours(1));

        assertThat(retried).isEqualTo(first);
        assertThat(state(first)).isEqualTo("STARTING");
        assertThat(emulator.session(APP_ID, first).orElseThrow().startup()).isEqualTo(StartupOutcome.neverReady());
    }

    @Test
    void a_seeded_run_replays_identically_whatever_the_order_and_concurrency_of_calls() throws Exception {
        StartupPlan plan = StartupPlan.seeded(2026).ready(0.6, FORTY_SECONDS).failed(0.2, FORTY_SECONDS)
                .neverReady(0.2);
        List<String> tokens = IntStream.range(0, 24).mapToObj(i -> "request-" + i).toList();

        Map<String, String> inOrder = statesAfterStarting(plan, tokens, 1);
        List<String> shuffled = new ArrayList<>(tokens);
        Collections.reverse(shuffled);
        Map<String, String> concurrently = statesAfterStarting(plan, shuffled, 8);

        assertThat(concurrently).isEqualTo(inOrder);
        assertThat(inOrder.values()).contains("IDLE", "FAILED", "STARTING");
    }

    /** Starts a session per token on a fresh emulator with {@code threads} callers; states 40 s later, by token. */
    private Map<String, String> statesAfterStarting(StartupPlan plan, List<String> tokens, int threads)
            throws Exception {
        ManualClock ownClock = ManualClock.startingAt("2026-03-01T10:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (EmrServerlessEmulator own = EmrServerlessEmulator.builder().clock(ownClock).startupPlan(plan)
                .seed(threads).build();
             EmrServerlessClient ownClient = SdkClients.emr(own.addApplication(Application.builder().id(APP_ID)
                     .build()).start().endpoint(), SdkClients.noRetries())) {
            List<Future<?>> calls = new ArrayList<>();
            for (String token : tokens) {
                calls.add(pool.submit(() -> ownClient.startSession(validRequest(token).build())));
            }
            for (Future<?> call : calls) {
                call.get();
            }
            ownClock.advance(FORTY_SECONDS);
            Map<String, String> states = new TreeMap<>();
            for (SessionView view : own.sessions(APP_ID)) {
                states.put(view.clientToken(), ownClient.getSession(r -> r.applicationId(APP_ID)
                        .sessionId(view.sessionId())).session().stateAsString());
            }
            return states;
        } finally {
            pool.shutdownNow();
        }
    }

    private String state(String sessionId) {
        return session(sessionId).stateAsString();
    }

    private Session session(String sessionId) {
        return client.getSession(request -> request.applicationId(APP_ID).sessionId(sessionId)).session();
    }
}

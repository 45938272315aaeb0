package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import dev.emrsessionstarter.internal.emrserverless.model.EmrServerlessException;
import dev.emrsessionstarter.internal.emrserverless.model.InternalServerException;
import dev.emrsessionstarter.internal.emrserverless.model.Session;
import dev.emrsessionstarter.emulator.SdkClients;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.fault.FaultPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class EmrFaultsTest extends EmrEmulatorTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void sdk_retries_an_internal_error_with_the_same_client_token() {
        emulator.faults(EmrOperation.START_SESSION).failNext(1, CallFault.INTERNAL_ERROR);

        String sessionId = start("token-1").sessionId();

        assertThat(emulator.requestCount(EmrOperation.START_SESSION)).isEqualTo(2);
        assertThat(clientTokensReceived()).containsExactly("token-1", "token-1");
        assertThat(emulator.sessionsCreated()).isEqualTo(1);
        assertThat(emulator.sessions(APP_ID)).extracting(SessionView::sessionId).containsExactly(sessionId);
    }

    @Test
    void sdk_retries_throttling() {
        emulator.faults(EmrOperation.START_SESSION).failNext(2, CallFault.THROTTLING);

        start("token-1");

        assertThat(emulator.requestCount(EmrOperation.START_SESSION)).isEqualTo(3);
        assertThat(clientTokensReceived()).containsOnly("token-1");
        assertThat(emulator.sessionsCreated()).isEqualTo(1);
    }

    @Test
    void sdk_retries_a_dropped_connection() {
        emulator.faults(EmrOperation.START_SESSION).failNext(1, CallFault.DROP_CONNECTION);

        start("token-1");

        assertThat(emulator.requestCount(EmrOperation.START_SESSION)).isGreaterThanOrEqualTo(2);
        assertThat(clientTokensReceived()).containsOnly("token-1");
        assertThat(emulator.sessionsCreated()).isEqualTo(1);
    }

    @Test
    void faults_are_decided_before_any_state_changes() {
        try (EmrServerlessClient once = SdkClients.emr(emulator.endpoint(), SdkClients.noRetries())) {
            emulator.faults(EmrOperation.START_SESSION).failNext(1, CallFault.INTERNAL_ERROR)
                    .failCalls(CallFault.THROTTLING, 2).failCalls(CallFault.DROP_CONNECTION, 3);

            InternalServerException internal = catchThrowableOfType(InternalServerException.class,
                    () -> once.startSession(validRequest("token-1").build()));
            EmrServerlessException throttled = catchThrowableOfType(EmrServerlessException.class,
                    () -> once.startSession(validRequest("token-1").build()));
            SdkClientException dropped = catchThrowableOfType(SdkClientException.class,
                    () -> once.startSession(validRequest("token-1").build()));

            assertThat(internal.statusCode()).isEqualTo(500);
            assertThat(internal.awsErrorDetails().errorCode()).isEqualTo("InternalServerException");
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            assertThat(dropped).isNotNull();
            assertThat(emulator.sessionsCreated()).isZero();
        }
    }

    @Test
    void scheduled_failures_hit_the_numbered_calls() {
        try (EmrServerlessClient once = SdkClients.emr(emulator.endpoint(), SdkClients.noRetries())) {
            emulator.faults(EmrOperation.GET_APPLICATION).failCalls(CallFault.INTERNAL_ERROR, 3, 5);

            List<Boolean> outcomes = new ArrayList<>();
            for (int call = 1; call <= 6; call++) {
                outcomes.add(succeeds(() -> once.getApplication(request -> request.applicationId(APP_ID))));
            }

            assertThat(outcomes).containsExactly(true, true, false, true, false, true);
        }
    }

    @Test
    void faults_apply_per_operation() {
        emulator.faults(EmrOperation.GET_SESSION).failFraction(1.0, CallFault.INTERNAL_ERROR);

        assertThat(start("token-1").sessionId()).isNotBlank();
        assertThat(emulator.requestCount(EmrOperation.START_SESSION)).isEqualTo(1);
    }

    @Test
    void fractional_failures_are_reproducible_for_a_seed() {
        List<Boolean> first = fractionalOutcomes(11);
        List<Boolean> again = fractionalOutcomes(11);

        assertThat(again).isEqualTo(first);
        assertThat(first).contains(true, false);
    }

    @Test
    void failure_after_commit_creates_the_session_and_the_retry_finds_it() {
        try (EmrServerlessClient once = SdkClients.emr(emulator.endpoint(), SdkClients.noRetries())) {
            emulator.faults(EmrOperation.START_SESSION).failNext(1, CallFault.FAIL_AFTER_COMMIT);

            InternalServerException error = catchThrowableOfType(InternalServerException.class,
                    () -> once.startSession(validRequest("token-1").build()));
            assertThat(error.statusCode()).isEqualTo(500);
            assertThat(emulator.sessionsCreated()).isEqualTo(1);

            String retried = once.startSession(validRequest("token-1").build()).sessionId();
            assertThat(retried).isEqualTo(emulator.sessions(APP_ID).get(0).sessionId());
            assertThat(emulator.sessionsCreated()).isEqualTo(1);
        }
    }

    @Test
    void sdk_retries_through_a_committed_failure_without_a_duplicate() {
        emulator.faults(EmrOperation.START_SESSION).failNext(1, CallFault.FAIL_AFTER_COMMIT)
                .failCalls(CallFault.DROP_AFTER_COMMIT, 2);

        String sessionId = start("token-1").sessionId();

        assertThat(emulator.requestCount(EmrOperation.START_SESSION)).isGreaterThanOrEqualTo(3);
        assertThat(emulator.sessionsCreated()).isEqualTo(1);
        assertThat(emulator.sessions(APP_ID)).extracting(SessionView::sessionId).containsExactly(sessionId);
    }

    @Test
    void added_latency_delays_the_answer() {
        emulator.faults(EmrOperation.GET_APPLICATION).latency(Duration.ofMillis(300));

        long started = System.nanoTime();
        client.getApplication(request -> request.applicationId(APP_ID));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void get_session_faults_answer_as_the_service_does_and_change_nothing() {
        String sessionId = start("token-1").sessionId();
        try (EmrServerlessClient once = SdkClients.emr(emulator.endpoint(), SdkClients.noRetries())) {
            FaultPlan<CallFault> faults = emulator.faults(EmrOperation.GET_SESSION)
                    .failNext(1, CallFault.INTERNAL_ERROR).failCalls(CallFault.THROTTLING, 2)
                    .failCalls(CallFault.ACCESS_DENIED, 3);

            InternalServerException internal = catchThrowableOfType(InternalServerException.class,
                    () -> getSession(once, sessionId));
            EmrServerlessException throttled = catchThrowableOfType(EmrServerlessException.class,
                    () -> getSession(once, sessionId));
            EmrServerlessException denied = catchThrowableOfType(EmrServerlessException.class,
                    () -> getSession(once, sessionId));
            // Every call from here on is dropped: the JDK's HTTP client may quietly resend a GET once.
            faults.failFraction(1.0, CallFault.DROP_CONNECTION);
            SdkClientException dropped = catchThrowableOfType(SdkClientException.class,
                    () -> getSession(once, sessionId));
            faults.clear();

            assertThat(internal.statusCode()).isEqualTo(500);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(dropped).isNotNull();
            assertThat(getSession(once, sessionId).sessionId()).isEqualTo(sessionId);
        }
    }

    @Test
    void sdk_retries_get_session_through_internal_errors() {
        String sessionId = start("token-1").sessionId();
        emulator.faults(EmrOperation.GET_SESSION).failNext(2, CallFault.INTERNAL_ERROR);

        assertThat(getSession(client, sessionId).stateAsString()).isEqualTo("SUBMITTED");
        assertThat(emulator.requestCount(EmrOperation.GET_SESSION)).isEqualTo(3);
    }

    @Test
    void a_terminate_session_fault_before_commit_leaves_the_session_running() {
        String sessionId = start("token-1").sessionId();
        try (EmrServerlessClient once = SdkClients.emr(emulator.endpoint(), SdkClients.noRetries())) {
            emulator.faults(EmrOperation.TERMINATE_SESSION).failNext(1, CallFault.INTERNAL_ERROR);

            InternalServerException error = catchThrowableOfType(InternalServerException.class,
                    () -> once.terminateSession(r -> r.applicationId(APP_ID).sessionId(sessionId)));

            assertThat(error.statusCode()).isEqualTo(500);
            assertThat(getSession(once, sessionId).stateAsString()).isEqualTo("SUBMITTED");
        }
    }

    @Test
    void a_terminate_session_failing_after_commit_terminates_and_its_retry_changes_nothing() {
        String sessionId = start("token-1").sessionId();
        try (EmrServerlessClient once = SdkClients.emr(emulator.endpoint(), SdkClients.noRetries())) {
            emulator.faults(EmrOperation.TERMINATE_SESSION).failNext(1, CallFault.FAIL_AFTER_COMMIT);

            catchThrowableOfType(InternalServerException.class,
                    () -> once.terminateSession(r -> r.applicationId(APP_ID).sessionId(sessionId)));
            Session terminating = getSession(once, sessionId);
            clock.advance(Duration.ofSeconds(3));
            once.terminateSession(r -> r.applicationId(APP_ID).sessionId(sessionId));

            assertThat(terminating.stateAsString()).isEqualTo("TERMINATING");
            assertThat(getSession(once, sessionId).updatedAt()).isEqualTo(terminating.updatedAt());
            assertThat(emulator.requestCount(EmrOperation.TERMINATE_SESSION)).isEqualTo(2);
        }
    }

    private static Session getSession(EmrServerlessClient emr, String sessionId) {
        return emr.getSession(request -> request.applicationId(APP_ID).sessionId(sessionId)).session();
    }

    private List<Boolean> fractionalOutcomes(long seed) {
        try (EmrServerlessEmulator seeded = EmrServerlessEmulator.builder().seed(seed).build()) {
            seeded.addApplication(Application.builder().id(APP_ID).build()).start();
            seeded.faults(EmrOperation.GET_APPLICATION).failFraction(0.5, CallFault.INTERNAL_ERROR);
            try (EmrServerlessClient once = SdkClients.emr(seeded.endpoint(), SdkClients.noRetries())) {
                List<Boolean> outcomes = new ArrayList<>();
                for (int call = 0; call < 20; call++) {
                    outcomes.add(succeeds(() -> once.getApplication(request -> request.applicationId(APP_ID))));
                }
                return outcomes;
            }
        }
    }

    private static boolean succeeds(Runnable call) {
        try {
            call.run();
            return true;
        } catch (InternalServerException e) {
            return false;
        }
    }

    private List<String> clientTokensReceived() {
        return emulator.startSessionRequestBodies().stream().map(body -> {
            try {
                return json.readTree(body).get("clientToken").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}

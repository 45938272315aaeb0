package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.emulator.SdkClients;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import dev.emrsessionstarter.internal.emrserverless.model.GetSessionEndpointResponse;
import dev.emrsessionstarter.internal.emrserverless.model.InternalServerException;
import dev.emrsessionstarter.internal.emrserverless.model.ResourceNotFoundException;
import dev.emrsessionstarter.internal.emrserverless.model.ValidationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionEndpointTest extends EmrEmulatorTestBase {

    private static final Duration TO_IDLE = TIMINGS.submitted().plus(TIMINGS.starting());

    @Test
    void a_ready_session_has_an_endpoint_and_a_token_valid_for_an_hour() {
        String sessionId = start("token-1").sessionId();
        clock.advance(TO_IDLE);

        GetSessionEndpointResponse response = endpoint(sessionId);

        assertThat(response.applicationId()).isEqualTo(APP_ID);
        assertThat(response.sessionId()).isEqualTo(sessionId);
        assertThat(response.endpoint())
                .isEqualTo("https://" + sessionId + "." + APP_ID + ".emr-serverless-sessions.us-east-1.amazonaws.com")
                .hasSizeBetween(1, 256);
        assertThat(response.authToken()).hasSizeBetween(1000, 8000);
        assertThat(Base64.getDecoder().decode(response.authToken())).hasSizeGreaterThanOrEqualTo(750);
        assertThat(response.authTokenExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(emulator.mintedAuthTokens()).containsExactly(response.authToken());
        assertThat(response.toString()).doesNotContain(response.authToken());
    }

    @Test
    void a_started_session_and_a_busy_one_have_an_endpoint_too() {
        emulator.startupForNextSessions(1, StartupOutcome.readyAfter(Duration.ofSeconds(20), Duration.ofMinutes(5)));
        String sessionId = start("token-1").sessionId();
        clock.advance(Duration.ofSeconds(20));

        assertThat(emulator.session(APP_ID, sessionId).orElseThrow().state()).isEqualTo(SessionState.STARTED);
        assertThat(endpoint(sessionId).authToken()).isNotBlank();
        assertThat(SessionEndpoints.CONNECTABLE).containsExactlyInAnyOrder(SessionState.STARTED, SessionState.IDLE,
                SessionState.BUSY);
    }

    @Test
    void a_starting_session_is_refused_with_its_state_named() {
        String sessionId = start("token-1").sessionId();
        clock.advance(TIMINGS.submitted());

        ValidationException error = catchThrowableOfType(ValidationException.class, () -> endpoint(sessionId));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(error.awsErrorDetails().errorMessage()).contains(sessionId, "STARTING", "STARTED, IDLE or BUSY");
        assertThat(emulator.mintedAuthTokens()).isEmpty();
    }

    @Test
    void a_session_submitted_terminating_terminated_or_failed_is_refused() {
        String submitted = start("token-1").sessionId();
        assertThat(refusedState(submitted)).contains("SUBMITTED");

        clock.advance(TO_IDLE);
        client.terminateSession(r -> r.applicationId(APP_ID).sessionId(submitted));
        assertThat(refusedState(submitted)).contains("TERMINATING");
        clock.advance(TIMINGS.terminating());
        assertThat(refusedState(submitted)).contains("TERMINATED");

        String failed = start("token-2").sessionId();
        clock.advance(TO_IDLE);
        emulator.failSession(APP_ID, failed, "Session failed: lost its driver.");
        assertThat(refusedState(failed)).contains("FAILED");
        assertThat(emulator.mintedAuthTokens()).isEmpty();
    }

    @Test
    void every_call_mints_a_new_token_expiring_an_hour_after_that_call() {
        String sessionId = start("token-1").sessionId();
        clock.advance(TO_IDLE);

        GetSessionEndpointResponse first = endpoint(sessionId);
        clock.advance(Duration.ofMinutes(50));
        GetSessionEndpointResponse second = endpoint(sessionId);

        assertThat(second.authToken()).isNotEqualTo(first.authToken());
        assertThat(second.endpoint()).isEqualTo(first.endpoint());
        assertThat(second.authTokenExpiresAt()).isEqualTo(first.authTokenExpiresAt().plus(Duration.ofMinutes(50)));
        assertThat(emulator.mintedAuthTokens()).containsExactly(first.authToken(), second.authToken());
    }

    @Test
    void an_unknown_session_or_application_is_not_found() {
        ResourceNotFoundException noSession = catchThrowableOfType(ResourceNotFoundException.class,
                () -> endpoint("00nosuchsession"));
        ResourceNotFoundException noApplication = catchThrowableOfType(ResourceNotFoundException.class,
                () -> client.getSessionEndpoint(r -> r.applicationId("00nosuchapp").sessionId("00nosuchsession")));

        assertThat(noSession.statusCode()).isEqualTo(404);
        assertThat(noSession.awsErrorDetails().errorMessage()).contains("00nosuchsession");
        assertThat(noApplication.statusCode()).isEqualTo(404);
        assertThat(noApplication.awsErrorDetails().errorMessage()).contains("00nosuchapp");
    }

    @Test
    void ids_are_validated_as_for_get_session() {
        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> client.getSessionEndpoint(r -> r.applicationId("00FKABC").sessionId("s".repeat(65))));

        assertThat(error.awsErrorDetails().errorMessage())
                .startsWith("2 validation errors detected: ")
                .contains("'applicationId' failed to satisfy constraint: Member must satisfy regular expression",
                        "'sessionId' failed to satisfy constraint: Member must have length less than or equal to 64");
    }

    @Test
    void the_sdk_retries_an_injected_internal_error_and_each_answered_call_mints_one_token() {
        String sessionId = start("token-1").sessionId();
        clock.advance(TO_IDLE);
        emulator.faults(EmrOperation.GET_SESSION_ENDPOINT).failNext(1, CallFault.INTERNAL_ERROR);

        GetSessionEndpointResponse response = endpoint(sessionId);

        assertThat(emulator.requestCount(EmrOperation.GET_SESSION_ENDPOINT)).isEqualTo(2);
        assertThat(emulator.mintedAuthTokens()).containsExactly(response.authToken());
    }

    @Test
    void a_fault_after_commit_mints_a_token_the_caller_never_sees() {
        String sessionId = start("token-1").sessionId();
        clock.advance(TO_IDLE);
        emulator.faults(EmrOperation.GET_SESSION_ENDPOINT).failNext(1, CallFault.FAIL_AFTER_COMMIT);

        try (EmrServerlessClient once = SdkClients.emr(emulator.endpoint(), SdkClients.noRetries())) {
            InternalServerException error = catchThrowableOfType(InternalServerException.class,
                    () -> once.getSessionEndpoint(r -> r.applicationId(APP_ID).sessionId(sessionId)));

            assertThat(error.statusCode()).isEqualTo(500);
            assertThat(error.getMessage()).doesNotContain(emulator.mintedAuthTokens().get(0));
        }
        assertThat(emulator.mintedAuthTokens()).hasSize(1);
    }

    @Test
    void no_view_of_the_emulator_shows_a_token() throws Exception {
        String sessionId = start("token-1").sessionId();
        clock.advance(TO_IDLE);
        String token = endpoint(sessionId).authToken();

        HttpResponse<String> view = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(emulator.endpoint() + EmrServerlessEmulator.SESSIONS_VIEW)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains(sessionId).doesNotContain(token);
        assertThat(new ObjectMapper().readTree(view.body()).get("requests").get("GetSessionEndpoint").asInt())
                .isEqualTo(1);
        assertThat(emulator.session(APP_ID, sessionId).orElseThrow().toString()).doesNotContain(token);
    }

    private GetSessionEndpointResponse endpoint(String sessionId) {
        return client.getSessionEndpoint(r -> r.applicationId(APP_ID).sessionId(sessionId));
    }

    private String refusedState(String sessionId) {
        return catchThrowableOfType(ValidationException.class, () -> endpoint(sessionId))
                .awsErrorDetails().errorMessage();
    }
}

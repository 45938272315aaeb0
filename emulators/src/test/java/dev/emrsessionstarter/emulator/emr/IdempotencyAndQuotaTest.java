package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.emrsessionstarter.emulator.SdkClients;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import dev.emrsessionstarter.internal.emrserverless.model.ConflictException;
import dev.emrsessionstarter.internal.emrserverless.model.ServiceQuotaExceededException;
import dev.emrsessionstarter.internal.emrserverless.model.StartSessionResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IdempotencyAndQuotaTest extends EmrEmulatorTestBase {

    @Test
    void same_token_and_parameters_return_the_same_session_without_creating_another() {
        StartSessionResponse first = start("token-1");
        StartSessionResponse second = start("token-1");

        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        assertThat(second.arn()).isEqualTo(first.arn());
        assertThat(emulator.sessionsCreated()).isEqualTo(1);
        assertThat(emulator.requestCount(EmrOperation.START_SESSION)).isEqualTo(2);
    }

    @Test
    void a_client_token_gets_the_same_session_id_whatever_order_the_sessions_are_created_in() {
        StartSessionResponse a = start("token-a");
        StartSessionResponse b = start("token-b");
        try (EmrServerlessEmulator other = EmrServerlessEmulator.builder().clock(clock).sessionTimings(TIMINGS)
                .seed(7).build().addApplication(Application.builder().id(APP_ID).build()).start();
                EmrServerlessClient otherClient = SdkClients.emr(other.endpoint(), retries())) {
            StartSessionResponse bFirst = otherClient.startSession(validRequest("token-b").build());
            StartSessionResponse aSecond = otherClient.startSession(validRequest("token-a").build());

            assertThat(bFirst.sessionId()).isEqualTo(b.sessionId());
            assertThat(aSecond.sessionId()).isEqualTo(a.sessionId()).isNotEqualTo(b.sessionId())
                    .matches("00[0-9a-z]{14}");
        }
    }

    @Test
    void parameter_order_does_not_matter_but_unknown_members_are_ignored() {
        StartSessionResponse first = client.startSession(validRequest("token-1")
                .tags(Map.of("a", "1", "b", "2")).build());
        StartSessionResponse second = client.startSession(validRequest("token-1")
                .tags(Map.of("b", "2", "a", "1")).build());

        assertThat(second.sessionId()).isEqualTo(first.sessionId());
    }

    @Test
    void same_token_with_different_parameters_is_a_conflict() {
        start("token-1");

        ConflictException error = catchThrowableOfType(ConflictException.class,
                () -> client.startSession(validRequest("token-1").name("another-name").build()));

        assertThat(error.statusCode()).isEqualTo(409);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ConflictException");
        assertThat(emulator.sessionsCreated()).isEqualTo(1);
    }

    @Test
    void tokens_are_scoped_per_application() {
        emulator.addApplication(Application.builder().id("otherapp").build());

        StartSessionResponse first = start("token-1");
        StartSessionResponse second = client.startSession(validRequest("token-1").applicationId("otherapp").build());

        assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
        assertThat(emulator.sessionsCreated()).isEqualTo(2);
    }

    @Test
    void concurrent_calls_with_the_same_token_create_exactly_one_session() throws Exception {
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return start("same-token").sessionId();
                }));
            }
            go.countDown();
            Set<String> sessionIds = results.stream().map(IdempotencyAndQuotaTest::join).collect(Collectors.toSet());

            assertThat(sessionIds).hasSize(1);
            assertThat(emulator.sessionsCreated()).isEqualTo(1);
            assertThat(emulator.requestCount(EmrOperation.START_SESSION)).isEqualTo(callers);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void quota_of_active_sessions_is_a_service_quota_exceeded_exception() {
        emulator.addApplication(Application.builder().id(APP_ID).maxConcurrentSessions(2).build());
        start("token-1");
        String second = start("token-2").sessionId();

        ServiceQuotaExceededException error = catchThrowableOfType(ServiceQuotaExceededException.class,
                () -> start("token-3"));

        assertThat(error.statusCode()).isEqualTo(402);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ServiceQuotaExceededException");
        assertThat(emulator.sessionsCreated()).isEqualTo(2);

        client.terminateSession(request -> request.applicationId(APP_ID).sessionId(second));
        assertThat(catchThrowableOfType(ServiceQuotaExceededException.class, () -> start("token-3")))
                .as("a TERMINATING session still counts").isNotNull();
        clock.advance(TIMINGS.terminating());
        assertThat(start("token-3").sessionId()).isNotBlank();
    }

    @Test
    void a_retry_of_a_successful_call_gets_its_session_even_when_the_quota_is_full_or_the_application_stopped() {
        emulator.addApplication(Application.builder().id(APP_ID).maxConcurrentSessions(1).autoStartEnabled(false)
                .build());
        String sessionId = start("token-1").sessionId();
        emulator.setApplicationState(APP_ID, ApplicationState.STOPPED);
        clock.advance(Duration.ofMinutes(1));

        assertThat(start("token-1").sessionId()).isEqualTo(sessionId);
    }

    private static String join(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

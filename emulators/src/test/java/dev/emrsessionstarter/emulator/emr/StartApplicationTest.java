package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.emrsessionstarter.emulator.SdkClients;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import dev.emrsessionstarter.internal.emrserverless.model.Application;
import dev.emrsessionstarter.internal.emrserverless.model.ResourceNotFoundException;
import dev.emrsessionstarter.internal.emrserverless.model.StartApplicationResponse;
import dev.emrsessionstarter.internal.emrserverless.model.ValidationException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StartApplicationTest extends EmrEmulatorTestBase {

    private static final String STOPPED = "stoppedapp";
    private static final Duration STARTING = EmrServerlessEmulator.DEFAULT_APPLICATION_STARTING;

    @Test
    void a_stopped_application_without_auto_start_starts_and_then_takes_sessions() {
        addApplication(STOPPED, ApplicationState.STOPPED);
        assertThat(catchThrowableOfType(ValidationException.class, () -> startSessionOn(STOPPED, "t1"))
                .awsErrorDetails().errorMessage()).contains("STOPPED", "auto-start");
        Instant requested = clock.instant();

        StartApplicationResponse response = client.startApplication(r -> r.applicationId(STOPPED));

        assertThat(response.sdkFields()).isEmpty();
        Application starting = application(STOPPED);
        assertThat(starting.stateAsString()).isEqualTo("STARTING");
        assertThat(starting.updatedAt()).isEqualTo(requested);
        assertThat(catchThrowableOfType(ValidationException.class, () -> startSessionOn(STOPPED, "t1"))
                .awsErrorDetails().errorMessage()).contains("STARTING");

        clock.advance(STARTING);

        Application started = application(STOPPED);
        assertThat(started.stateAsString()).isEqualTo("STARTED");
        assertThat(started.updatedAt()).isEqualTo(requested.plus(STARTING));
        assertThat(started.autoStartConfiguration().enabled()).isFalse();
        assertThat(started.interactiveConfiguration().sessionEnabled()).isTrue();
        assertThat(startSessionOn(STOPPED, "t1")).isNotBlank();
        assertThat(emulator.application(STOPPED).orElseThrow().state()).isEqualTo(ApplicationState.STARTED);
        assertThat(emulator.sessionsCreated()).isEqualTo(1);
    }

    @Test
    void a_created_application_starts_too() {
        addApplication("newapp", ApplicationState.CREATED);

        client.startApplication(r -> r.applicationId("newapp"));
        clock.advance(STARTING.minusMillis(1));
        assertThat(application("newapp").stateAsString()).isEqualTo("STARTING");
        clock.advance(Duration.ofMillis(1));

        assertThat(application("newapp").stateAsString()).isEqualTo("STARTED");
    }

    @Test
    void starting_again_while_starting_or_started_changes_nothing() {
        addApplication(STOPPED, ApplicationState.STOPPED);
        client.startApplication(r -> r.applicationId(STOPPED));
        Instant requested = clock.instant();
        clock.advance(STARTING.dividedBy(2));

        client.startApplication(r -> r.applicationId(STOPPED));
        assertThat(application(STOPPED).updatedAt()).isEqualTo(requested);
        clock.advance(STARTING.dividedBy(2));
        assertThat(application(STOPPED).stateAsString()).isEqualTo("STARTED");

        clock.advance(Duration.ofMinutes(5));
        client.startApplication(r -> r.applicationId(STOPPED));
        client.startApplication(r -> r.applicationId(APP_ID));

        assertThat(application(STOPPED).stateAsString()).isEqualTo("STARTED");
        assertThat(application(STOPPED).updatedAt()).isEqualTo(requested.plus(STARTING));
        assertThat(application(APP_ID).stateAsString()).isEqualTo("STARTED");
        assertThat(emulator.requestCount(EmrOperation.START_APPLICATION)).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(value = ApplicationState.class, names = {"TERMINATED", "CREATING", "STOPPING"})
    void an_application_that_cannot_start_now_is_refused(ApplicationState state) {
        addApplication("otherapp", state);

        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> client.startApplication(r -> r.applicationId("otherapp")));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorMessage()).contains("otherapp", state.name());
        assertThat(application("otherapp").stateAsString()).isEqualTo(state.name());
    }

    @Test
    void an_unknown_application_is_not_found_and_a_malformed_id_is_invalid() {
        ResourceNotFoundException missing = catchThrowableOfType(ResourceNotFoundException.class,
                () -> client.startApplication(r -> r.applicationId("00nosuchapp")));
        ValidationException malformed = catchThrowableOfType(ValidationException.class,
                () -> client.startApplication(r -> r.applicationId("Not-An-Id")));

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(malformed.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: "
                + "Value at 'applicationId' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: ^[0-9a-z]+$");
    }

    @Test
    void the_starting_time_is_configurable() {
        try (EmrServerlessEmulator quick = EmrServerlessEmulator.builder().clock(clock)
                .applicationStarting(Duration.ZERO).build();
             EmrServerlessClient quickClient = SdkClients.emr(quick.start().endpoint(), SdkClients.noRetries());
             EmrServerlessEmulator slow = EmrServerlessEmulator.builder().clock(clock)
                .applicationStarting(Duration.ofMinutes(3)).build();
             EmrServerlessClient slowClient = SdkClients.emr(slow.start().endpoint(), SdkClients.noRetries())) {
            quick.addApplication(stopped(STOPPED));
            slow.addApplication(stopped(STOPPED));

            quickClient.startApplication(r -> r.applicationId(STOPPED));
            slowClient.startApplication(r -> r.applicationId(STOPPED));
            clock.advance(Duration.ofMinutes(2));

            assertThat(quick.application(STOPPED).orElseThrow().state()).isEqualTo(ApplicationState.STARTED);
            assertThat(slow.application(STOPPED).orElseThrow().state()).isEqualTo(ApplicationState.STARTING);
            clock.advance(Duration.ofMinutes(1));
            assertThat(slow.application(STOPPED).orElseThrow().state()).isEqualTo(ApplicationState.STARTED);
        }
    }

    @Test
    void setting_the_state_on_command_drops_a_start_under_way() {
        addApplication(STOPPED, ApplicationState.STOPPED);
        client.startApplication(r -> r.applicationId(STOPPED));

        emulator.setApplicationState(STOPPED, ApplicationState.STOPPED);
        clock.advance(STARTING);

        assertThat(application(STOPPED).stateAsString()).isEqualTo("STOPPED");
    }

    @Test
    void the_sdk_retries_an_injected_internal_error_and_the_start_happens_once() {
        addApplication(STOPPED, ApplicationState.STOPPED);
        emulator.faults(EmrOperation.START_APPLICATION).failNext(1, CallFault.INTERNAL_ERROR);

        client.startApplication(r -> r.applicationId(STOPPED));

        assertThat(emulator.requestCount(EmrOperation.START_APPLICATION)).isEqualTo(2);
        assertThat(application(STOPPED).stateAsString()).isEqualTo("STARTING");
    }

    private void addApplication(String id, ApplicationState state) {
        emulator.addApplication(dev.emrsessionstarter.emulator.emr.Application.builder().id(id).state(state)
                .autoStartEnabled(false).build());
    }

    private static dev.emrsessionstarter.emulator.emr.Application stopped(String id) {
        return dev.emrsessionstarter.emulator.emr.Application.builder().id(id).state(ApplicationState.STOPPED)
                .autoStartEnabled(false).build();
    }

    private Application application(String id) {
        return client.getApplication(r -> r.applicationId(id)).application();
    }

    private String startSessionOn(String applicationId, String clientToken) {
        return client.startSession(validRequest(clientToken).applicationId(applicationId).build()).sessionId();
    }
}

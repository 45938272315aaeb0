package dev.emrsessionstarter.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.emrsessionstarter.internal.emrserverless.model.GetApplicationResponse;
import dev.emrsessionstarter.internal.emrserverless.model.ResourceNotFoundException;
import dev.emrsessionstarter.internal.emrserverless.model.ValidationException;
import org.junit.jupiter.api.Test;

class ApplicationRefusalTest extends EmrEmulatorTestBase {

    @Test
    void unknown_application_is_not_found() {
        ResourceNotFoundException error = catchThrowableOfType(ResourceNotFoundException.class,
                () -> client.startSession(validRequest("t1").applicationId("00fnosuchapp").build()));

        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void stopped_application_without_auto_start_is_refused() {
        emulator.addApplication(Application.builder().id("stopped").state(ApplicationState.STOPPED)
                .autoStartEnabled(false).build());

        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> client.startSession(validRequest("t1").applicationId("stopped").build()));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorMessage()).contains("STOPPED", "auto-start");
        assertThat(emulator.sessionsCreated()).isZero();
    }

    @Test
    void stopped_application_with_auto_start_starts_and_runs_the_session() {
        emulator.addApplication(Application.builder().id("sleepy").state(ApplicationState.STOPPED)
                .autoStartEnabled(true).build());

        client.startSession(validRequest("t1").applicationId("sleepy").build());

        assertThat(emulator.application("sleepy").orElseThrow().state()).isEqualTo(ApplicationState.STARTED);
        assertThat(emulator.sessionsCreated()).isEqualTo(1);
    }

    @Test
    void terminated_application_is_refused_even_with_auto_start() {
        emulator.addApplication(Application.builder().id("gone").state(ApplicationState.TERMINATED).build());

        catchThrowableOfType(ValidationException.class,
                () -> client.startSession(validRequest("t1").applicationId("gone").build()));

        assertThat(emulator.sessionsCreated()).isZero();
    }

    @Test
    void a_release_before_7_13_is_refused() {
        emulator.addApplication(Application.builder().id("old").releaseLabel("emr-7.2.0").build());

        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> client.startSession(validRequest("t1").applicationId("old").build()));

        assertThat(error.awsErrorDetails().errorMessage()).contains("emr-7.13.0", "emr-7.2.0");
    }

    @Test
    void later_releases_are_accepted() {
        emulator.addApplication(Application.builder().id("newer").releaseLabel("emr-8.0.0-latest").build());

        assertThat(client.startSession(validRequest("t1").applicationId("newer").build()).sessionId()).isNotBlank();
    }

    @Test
    void application_without_sessions_enabled_is_refused() {
        emulator.addApplication(Application.builder().id("nosessions").sessionEnabled(false).build());

        ValidationException error = catchThrowableOfType(ValidationException.class,
                () -> client.startSession(validRequest("t1").applicationId("nosessions").build()));

        assertThat(error.awsErrorDetails().errorMessage()).contains("sessionEnabled");
    }

    @Test
    void get_application_returns_the_configuration() {
        GetApplicationResponse response = client.getApplication(request -> request.applicationId(APP_ID));

        assertThat(response.application().applicationId()).isEqualTo(APP_ID);
        assertThat(response.application().arn())
                .isEqualTo("arn:aws:emr-serverless:us-east-1:123456789012:/applications/" + APP_ID);
        assertThat(response.application().releaseLabel()).isEqualTo("emr-7.13.0");
        assertThat(response.application().stateAsString()).isEqualTo("STARTED");
        assertThat(response.application().autoStartConfiguration().enabled()).isTrue();
        assertThat(response.application().interactiveConfiguration().sessionEnabled()).isTrue();
        assertThat(response.application().createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void get_application_of_an_unknown_id_is_not_found() {
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> client.getApplication(request -> request.applicationId("nothere"))).statusCode())
                .isEqualTo(404);
    }
}

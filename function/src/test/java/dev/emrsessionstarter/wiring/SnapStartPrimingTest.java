package dev.emrsessionstarter.wiring;

import dev.emrsessionstarter.testing.CapturedOutput;
import dev.emrsessionstarter.testing.TestPorts;
import dev.emrsessionstarter.entrypoint.InvocationMetrics;
import dev.emrsessionstarter.entrypoint.SqsSessionRequestHandler;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import dev.emrsessionstarter.testing.EmulatedAws;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.testing.TestSettings;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The SnapStart {@code beforeCheckpoint} hook primes the function without changing anything: no StartSession or
 * PutEvents reaches AWS (here the emulators), the execution role's credentials are never resolved before the snapshot,
 * and the function works normally afterwards. (The runtime's own call of the hook is covered by LambdaRuntimeIT.)
 */
class SnapStartPrimingTest {

    private final EmulatedAws aws = EmulatedAws.start();
    private final CountingCredentials credentials = new CountingCredentials();
    private final Settings settings = TestSettings.sample().with(Settings.EVENT_BUS_NAME, "default").build();
    private final FunctionComponents components = FunctionComponents.assemble(settings,
            AwsClients.forEndpoints(new AwsClients.Endpoints(aws.emr().endpoint(), aws.events().endpoint(), null,
                    null), Region.US_EAST_1, credentials));

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void priming_sends_nothing_and_resolves_no_credentials() {
        CapturedOutput output = CapturedOutput.whileRunning(() -> components.priming().beforeCheckpoint(null));

        assertThat(output.text()).contains("StartSession, PutEvents, SendMessageBatch and GetSession marshalling");
        assertThat(aws.emr().requestCount(EmrOperation.START_SESSION)).isZero();
        assertThat(aws.emr().requestCount(EmrOperation.GET_SESSION)).isZero();
        assertThat(aws.events().putEventsCalls()).isZero();
        assertThat(credentials.resolutions.get()).isZero();
    }

    @Test
    void the_function_works_normally_after_priming() {
        components.priming().beforeCheckpoint(null);
        components.priming().afterRestore(null);

        var response = new SqsSessionRequestHandler(components, InvocationMetrics.powertools()).handleRequest(
                SqsEvents.batch(SqsEvents.message("after-priming", Requests.valid().toString())),
                LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(aws.emr().sessionsCreated()).isEqualTo(1);
        assertThat(aws.events().putEventsCalls()).isEqualTo(1);
        assertThat(credentials.resolutions.get()).isPositive();
    }

    @Test
    void priming_can_run_again() {
        components.priming().beforeCheckpoint(null);
        components.priming().beforeCheckpoint(null);

        assertThat(aws.emr().requestCount(EmrOperation.START_SESSION)).isZero();
    }

    @Test
    void a_marked_call_through_a_client_without_the_interceptor_fails_loudly() {
        EmrServerlessClient unguarded = EmrServerlessClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(aws.emr().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(EmulatedAws.CREDENTIALS).build();

        assertThatThrownBy(() -> PrimingCalls.expectStopped(() -> unguarded.getApplication(
                PrimingCalls.mark(dev.emrsessionstarter.internal.emrserverless.model.GetApplicationRequest.builder()
                        .applicationId(EmulatedAws.APPLICATION_ID).build()))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was sent");
    }

    @Test
    void handlers_built_around_other_collaborators_have_nothing_to_prime() {
        FunctionComponents withoutClients = FunctionComponents.assemble(settings, TestPorts.of(
                (command, timeout) -> { throw new AssertionError("not called"); },
                (events, timeout) -> { throw new AssertionError("not called"); }), Timing.production());

        assertThat(withoutClients.priming()).isNull();
    }

    /** The execution role's credentials as the function would get them, counting each resolution. */
    private static final class CountingCredentials implements AwsCredentialsProvider {
        final AtomicInteger resolutions = new AtomicInteger();

        @Override
        public AwsCredentials resolveCredentials() {
            resolutions.incrementAndGet();
            return EmulatedAws.CREDENTIALS.resolveCredentials();
        }
    }
}

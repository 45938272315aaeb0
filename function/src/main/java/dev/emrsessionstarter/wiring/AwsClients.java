package dev.emrsessionstarter.wiring;

import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.utils.Lazy;

/**
 * The function's AWS clients, built once per execution environment and sharing one HTTP client. The SQS and Step
 * Functions clients are built on first use: only the readiness watch needs the one, only requests that carry a task
 * token the other, and building a client the invocation never calls would add to every cold start.
 */
public final class AwsClients implements AutoCloseable {

    /**
     * Endpoints for local runs and tests; null where a client keeps the standard resolution.
     */
    public record Endpoints(URI emrServerless, URI eventBridge, URI sqs, URI stepFunctions) {
    }

    private final EmrServerlessClient emrServerless;
    private final EventBridgeClient eventBridge;
    private final Lazy<SqsClient> sqs;
    private final Lazy<SfnClient> stepFunctions;
    private final SdkHttpClient http;

    private AwsClients(Customizer customizer, SdkHttpClient http) {
        this.http = http;
        this.emrServerless = customizer.apply(EmrServerlessClient.builder(), Service.EMR_SERVERLESS).build();
        this.eventBridge = customizer.apply(EventBridgeClient.builder(), Service.EVENTBRIDGE).build();
        this.sqs = new Lazy<>(() -> customizer.apply(SqsClient.builder(), Service.SQS).build());
        this.stepFunctions = new Lazy<>(() -> customizer.apply(SfnClient.builder(), Service.STEP_FUNCTIONS)
                .build());
    }

    /**
     * Region, credentials and endpoint overrides ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_EMR_SERVERLESS},
     * {@code AWS_ENDPOINT_URL_EVENTBRIDGE}, {@code AWS_ENDPOINT_URL_SQS}, {@code AWS_ENDPOINT_URL_SFN}) come from the
     * standard places, as in Lambda.
     */
    public static AwsClients fromEnvironment() {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        return new AwsClients(new Customizer() {
            @Override
            public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B apply(B builder,
                    Service service) {
                return configure(builder, http);
            }
        }, http);
    }

    /** Clients for explicit endpoints, as tests and local runs use them. */
    public static AwsClients forEndpoints(Endpoints endpoints, Region region, AwsCredentialsProvider credentials) {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        return new AwsClients(new Customizer() {
            @Override
            public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B apply(B builder,
                    Service service) {
                URI endpoint = switch (service) {
                    case EMR_SERVERLESS -> endpoints.emrServerless();
                    case EVENTBRIDGE -> endpoints.eventBridge();
                    case SQS -> endpoints.sqs();
                    case STEP_FUNCTIONS -> endpoints.stepFunctions();
                };
                B configured = configure(builder, http).region(region).credentialsProvider(credentials);
                return endpoint == null ? configured : configured.endpointOverride(endpoint);
            }
        }, http);
    }

    public EmrServerlessClient emrServerless() {
        return emrServerless;
    }

    public EventBridgeClient eventBridge() {
        return eventBridge;
    }

    public SqsClient sqs() {
        return sqs.getValue();
    }

    public SfnClient stepFunctions() {
        return stepFunctions.getValue();
    }

    /** A client built by the first thread that asks for it; lanes may ask at once. */
    /**
     * Closes the clients built so far (the SQS and Step Functions clients only if they were built) and their HTTP
     * client. Lambda never calls this; a host that retires an execution environment in a live JVM does.
     */
    @Override
    public void close() {
        emrServerless.close();
        eventBridge.close();
        // Lazy's own close() would build a client to close it.
        if (sqs.hasValue()) {
            sqs.getValue().close();
        }
        if (stepFunctions.hasValue()) {
            stepFunctions.getValue().close();
        }
        http.close();
    }

    private enum Service { EMR_SERVERLESS, EVENTBRIDGE, SQS, STEP_FUNCTIONS }

    /** Sets one client's builder up: the same for all four, but for the endpoint in local runs. */
    private interface Customizer {
        <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B apply(B builder, Service service);
    }

    /**
     * The URL-connection HTTP client starts fastest. SDK retries are off: the function retries itself, with backoff
     * bounded by the invocation's remaining time and with the same client token. The priming interceptor stops the
     * SnapStart hook's calls before they are sent ({@link PrimingCalls}); it lets every other call through.
     */
    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
            SdkHttpClient http) {
        return builder.httpClient(http)
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(PrimingCalls.interceptor()));
    }
}

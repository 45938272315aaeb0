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

/** The function's two AWS clients, built once per execution environment and sharing one HTTP client. */
public record AwsClients(EmrServerlessClient emrServerless, EventBridgeClient eventBridge) {

    /**
     * Region, credentials and endpoint overrides ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_EMR_SERVERLESS},
     * {@code AWS_ENDPOINT_URL_EVENTBRIDGE}) come from the standard places, as in Lambda.
     */
    public static AwsClients fromEnvironment() {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        return new AwsClients(configure(EmrServerlessClient.builder(), http).build(),
                configure(EventBridgeClient.builder(), http).build());
    }

    /** Clients for explicit endpoints, as tests and local runs use them. */
    public static AwsClients forEndpoints(URI emrServerless, URI eventBridge, Region region,
            AwsCredentialsProvider credentials) {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        return new AwsClients(
                configure(EmrServerlessClient.builder(), http).endpointOverride(emrServerless).region(region)
                        .credentialsProvider(credentials).build(),
                configure(EventBridgeClient.builder(), http).endpointOverride(eventBridge).region(region)
                        .credentialsProvider(credentials).build());
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

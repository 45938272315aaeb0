package dev.emrsessionstarter.emulator;

import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Real SDK clients pointed at an emulator, as the function builds them, with static credentials. */
public final class SdkClients {

    private SdkClients() {
    }

    /** The SDK's standard retries (3 attempts), without the waits between attempts so tests stay fast. */
    public static RetryStrategy standardRetriesWithoutBackoff() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .build();
    }

    public static RetryStrategy noRetries() {
        return AwsRetryStrategy.doNotRetry();
    }

    public static EmrServerlessClient emr(URI endpoint, RetryStrategy retries) {
        return EmrServerlessClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.retryStrategy(retries))
                .build();
    }

    public static EventBridgeClient eventBridge(URI endpoint, RetryStrategy retries) {
        return EventBridgeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.retryStrategy(retries))
                .build();
    }

    public static SfnClient stepFunctions(URI endpoint, RetryStrategy retries) {
        return SfnClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.retryStrategy(retries))
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEMULATOR", "emulator-secret"));
    }
}

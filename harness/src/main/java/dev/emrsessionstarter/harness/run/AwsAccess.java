package dev.emrsessionstarter.harness.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Whether {@code --aws} can reach AWS at all: a region and credentials, looked up where the function's SDK clients
 * look them up. Without them every call would fail the same way, which the function would take for a transient
 * connection error and retry; the run stops before it instead, naming what is missing.
 */
interface AwsAccess {

    /** The SDK's default lookups: environment, system properties, profile files, container and instance metadata. */
    AwsAccess SDK_DEFAULTS = of(new DefaultAwsRegionProviderChain(), DefaultCredentialsProvider.builder().build());

    /** What is missing, one phrase each; empty when a region and credentials are found. */
    List<String> problems(Map<String, String> environment);

    static AwsAccess of(AwsRegionProvider regions, AwsCredentialsProvider credentials) {
        return environment -> {
            List<String> problems = new ArrayList<>();
            try {
                regions.getRegion();
            } catch (SdkClientException none) {
                boolean botoStyle = environment.get("AWS_REGION") == null
                        && environment.get("AWS_DEFAULT_REGION") != null;
                problems.add("--aws found no AWS region: set AWS_REGION (or a region in your profile)"
                        + (botoStyle ? "; AWS_DEFAULT_REGION is set, but the Java SDK reads AWS_REGION" : ""));
            }
            try {
                credentials.resolveCredentials();
            } catch (SdkClientException none) {
                problems.add("--aws found no AWS credentials: set AWS_PROFILE (after aws configure or aws sso login), "
                        + "or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
            }
            return problems;
        };
    }
}

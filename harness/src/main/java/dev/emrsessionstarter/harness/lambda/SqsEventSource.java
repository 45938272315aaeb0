package dev.emrsessionstarter.harness.lambda;

/**
 * A function's SQS event source mapping as {@code template.yaml} configures it.
 *
 * @param batchSize messages per invocation, at most
 * @param maximumBatchingWindowSeconds how long the mapping gathers a batch before invoking (0: invoke at once)
 * @param maximumConcurrency concurrent invocations the mapping makes, at most ({@code ScalingConfig})
 */
public record SqsEventSource(int batchSize, int maximumBatchingWindowSeconds, int maximumConcurrency) {
}

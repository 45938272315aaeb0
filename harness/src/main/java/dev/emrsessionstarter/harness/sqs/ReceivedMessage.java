package dev.emrsessionstarter.harness.sqs;

/**
 * A message as one invocation received it.
 *
 * @param receiveCount its {@code ApproximateReceiveCount} in that delivery
 * @param groupId its FIFO message group, or null
 */
public record ReceivedMessage(String messageId, int receiveCount, String groupId, String body) {
}

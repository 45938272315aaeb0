package dev.emrsessionstarter.adapter.sqs;

import dev.emrsessionstarter.adapter.ServiceError;
import dev.emrsessionstarter.core.port.BatchPublisher;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Puts readiness checks on the watch queue: one SendMessageBatch per ten checks, each with its own delay. */
public final class SqsCheckScheduler implements BatchPublisher<ScheduledCheck> {

    /** SendMessageBatch's limit. */
    static final int MAX_ENTRIES_PER_CALL = 10;

    /** Built on first use: with the readiness watch off, the function never sends a check. */
    private final Supplier<SqsClient> client;
    private final String queueUrl;

    public SqsCheckScheduler(Supplier<SqsClient> client, String queueUrl) {
        this.client = client;
        this.queueUrl = queueUrl;
    }

    @Override
    public List<ServiceCall<String>> send(List<ScheduledCheck> checks, Duration timeout) {
        List<ServiceCall<String>> results = new ArrayList<>(checks.size());
        for (int from = 0; from < checks.size(); from += MAX_ENTRIES_PER_CALL) {
            int to = Math.min(checks.size(), from + MAX_ENTRIES_PER_CALL);
            results.addAll(sendCall(checks.subList(from, to), timeout));
        }
        return results;
    }

    /** The SendMessageBatch request for one call's checks (at most ten, as {@link #send} splits them). */
    public static SendMessageBatchRequest request(String queueUrl, List<ScheduledCheck> checks, Duration timeout) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(checks.get(i).body())
                    .delaySeconds((int) checks.get(i).delay().toSeconds())
                    .build());
        }
        return SendMessageBatchRequest.builder().queueUrl(queueUrl).entries(entries)
                .overrideConfiguration(override -> override.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout))
                .build();
    }

    private List<ServiceCall<String>> sendCall(List<ScheduledCheck> checks, Duration timeout) {
        try {
            SendMessageBatchResponse response = client.get().sendMessageBatch(request(queueUrl, checks, timeout));
            return perEntry(response, checks.size());
        } catch (SdkException failure) {
            return Collections.nCopies(checks.size(), ServiceError.of(failure, "SendMessageBatch", timeout));
        }
    }

    /** A check counts as sent only when SQS names its entry among the successful ones. */
    private static List<ServiceCall<String>> perEntry(SendMessageBatchResponse response, int sent) {
        Map<String, ServiceCall<String>> byId = new HashMap<>();
        response.successful().forEach(ok -> byId.put(ok.id(), new ServiceCall.Answered<>(ok.messageId())));
        for (BatchResultErrorEntry error : response.failed()) {
            // A sender's fault (a malformed entry) fails again as it is; anything else may pass on another try.
            byId.put(error.id(), ServiceCall.Failed.of(error.code(), error.message(),
                    !Boolean.TRUE.equals(error.senderFault())));
        }
        List<ServiceCall<String>> results = new ArrayList<>(sent);
        for (int i = 0; i < sent; i++) {
            results.add(byId.getOrDefault(Integer.toString(i), ServiceCall.Failed.of("MissingEntryResult",
                    "SendMessageBatch did not answer for this entry", true)));
        }
        return results;
    }
}

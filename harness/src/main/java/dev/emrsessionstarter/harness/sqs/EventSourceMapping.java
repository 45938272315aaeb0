package dev.emrsessionstarter.harness.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.LocalSqs;
import dev.emrsessionstarter.testing.SqsQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Plays Lambda's SQS event source mapping against a real queue: long-polls a batch, invokes the function with the
 * {@code SQSEvent} Lambda would build, and settles the batch the way Lambda does.
 *
 * <ul>
 *   <li>Function returned: with {@code ReportBatchItemFailures}, the messages the response names stay on the queue and
 *       the others are deleted; a response that breaks the rules (see {@link BatchResponseRules}) fails the whole
 *       batch. Without it, the response is ignored and the whole batch is deleted.
 *   <li>Function threw or crashed: nothing is deleted.
 * </ul>
 *
 * Nothing is made visible early: a message left on the queue comes back when the queue's own visibility timeout ends,
 * with its receive count one higher, and SQS's redrive moves it to the dead-letter queue after maxReceiveCount
 * receives. {@link #pollOnce} runs one invocation at a time, as in one Lambda execution environment; {@link #receive}
 * and {@link #invoke} let a caller receive the next batch while the function works on this one, as Lambda's pollers
 * do.
 */
public final class EventSourceMapping {

    public static final int MAX_BATCH_SIZE = 10;

    private final SqsQueue queue;
    private final SqsClient sqs;
    private final int batchSize;
    private final boolean reportBatchItemFailures;
    private final Duration pollWait;
    private final Duration functionTimeout;
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicInteger receiveCalls = new AtomicInteger();
    private final AtomicInteger deleteCalls = new AtomicInteger();

    private EventSourceMapping(Builder builder) {
        this.queue = builder.queue;
        this.sqs = builder.queue.client();
        this.batchSize = builder.batchSize;
        this.reportBatchItemFailures = builder.reportBatchItemFailures;
        this.pollWait = builder.pollWait;
        this.functionTimeout = builder.functionTimeout;
    }

    public static Builder builder(SqsQueue queue) {
        return new Builder(queue);
    }

    /** Receives one batch (waiting up to the poll wait for one) and, if there is one, invokes the function with it. */
    public synchronized BatchInvocation pollOnce(SqsFunction function) {
        ReceivedBatch batch = receive();
        return batch.isEmpty() ? BatchInvocation.nothingReceived() : invoke(batch, function, Runnable::run).join();
    }

    /** A batch as one ReceiveMessage call returned it: possibly empty, not yet handed to the function. */
    public record ReceivedBatch(List<Message> messages) {

        public boolean isEmpty() {
            return messages.isEmpty();
        }
    }

    /** One ReceiveMessage call, waiting up to the poll wait for a batch. */
    public ReceivedBatch receive() {
        receiveCalls.incrementAndGet();
        return new ReceivedBatch(sqs.receiveMessage(request -> request.queueUrl(queue.url())
                .maxNumberOfMessages(batchSize)
                .waitTimeSeconds((int) pollWait.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages());
    }

    /**
     * Invokes the function with a received batch, then settles it on {@code settlement}: Lambda's pollers receive,
     * invoke and delete apart from one another, so a mapping that pipelines them hands the deletions to a thread of
     * their own, and {@link Runnable#run} settles on the caller's thread. The future completes once the batch is
     * settled.
     */
    public CompletableFuture<BatchInvocation> invoke(ReceivedBatch batch, SqsFunction function, Executor settlement) {
        List<Message> messages = batch.messages();
        int invocation = invocations.incrementAndGet();
        List<ReceivedMessage> received = messages.stream().map(EventSourceMapping::received).toList();
        Set<String> ids = new LinkedHashSet<>();
        received.forEach(message -> ids.add(message.messageId()));

        SQSEvent event = SqsEventWire.toHandlerEvent(SqsEventWire.payload(messages, queue.arn(), LocalSqs.REGION));
        SQSBatchResponse response;
        try {
            response = function.handleRequest(event, new LocalContext(requestId(invocation), functionTimeout));
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (RuntimeException | Error failure) {
            return CompletableFuture.completedFuture(new BatchInvocation(BatchInvocation.Result.FUNCTION_ERROR,
                    received, Set.of(), ids, failure, "the function ended without a response: " + failure));
        }
        if (!reportBatchItemFailures) {
            return settleOn(settlement, received, messages, Set.of(), BatchInvocation.Result.ALL_SUCCEEDED);
        }
        BatchResponseRules.Verdict verdict = BatchResponseRules.read(SqsEventWire.responseJson(response), ids);
        if (verdict instanceof BatchResponseRules.WholeBatchFailed whole) {
            return CompletableFuture.completedFuture(new BatchInvocation(BatchInvocation.Result.INVALID_RESPONSE,
                    received, Set.of(), ids, null, whole.reason()));
        }
        if (verdict instanceof BatchResponseRules.SomeFailed some) {
            return settleOn(settlement, received, messages, some.failed(), BatchInvocation.Result.SOME_FAILED);
        }
        return settleOn(settlement, received, messages, Set.of(), BatchInvocation.Result.ALL_SUCCEEDED);
    }

    private CompletableFuture<BatchInvocation> settleOn(Executor settlement, List<ReceivedMessage> received,
            List<Message> messages, Set<String> failed, BatchInvocation.Result result) {
        return CompletableFuture.supplyAsync(() -> settle(received, messages, failed, result, null), settlement);
    }

    /**
     * Polls and invokes until the queue holds no message at all (none visible, in flight or awaiting its move to the
     * dead-letter queue). Each poll long-polls, so waiting for a redelivery costs no sleep.
     *
     * @param limit how long to keep going before giving up with an {@link IllegalStateException}
     * @param observer sees every invocation (not the empty polls)
     * @return how many invocations there were
     */
    public int drain(SqsFunction function, Duration limit, Consumer<BatchInvocation> observer) {
        long giveUpAt = System.nanoTime() + limit.toNanos();
        int count = 0;
        while (queue.messagesLeft() > 0) {
            BatchInvocation invocation = pollOnce(function);
            if (invocation.invoked()) {
                count++;
                observer.accept(invocation);
            }
            if (System.nanoTime() - giveUpAt > 0) {
                throw new IllegalStateException("The queue still holds " + queue.messagesLeft()
                        + " messages after " + limit + " (" + count + " invocations)");
            }
        }
        return count;
    }

    /** {@link #drain(SqsFunction, Duration, Consumer)}, keeping every invocation. */
    public List<BatchInvocation> drain(SqsFunction function, Duration limit) {
        List<BatchInvocation> all = new ArrayList<>();
        drain(function, limit, all::add);
        return all;
    }

    public int invocations() {
        return invocations.get();
    }

    /** The ReceiveMessage calls made so far, empty receives included: SQS bills each. */
    public int receiveCalls() {
        return receiveCalls.get();
    }

    /** The DeleteMessageBatch calls made so far (one per invocation that left something to delete). */
    public int deleteCalls() {
        return deleteCalls.get();
    }

    private BatchInvocation settle(List<ReceivedMessage> received, List<Message> messages, Set<String> failed,
            BatchInvocation.Result result, String reason) {
        List<DeleteMessageBatchRequestEntry> deletions = new ArrayList<>();
        Set<String> deleted = new LinkedHashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (!failed.contains(message.messageId())) {
                deletions.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(message.receiptHandle()).build());
                deleted.add(message.messageId());
            }
        }
        Set<String> redelivered = new LinkedHashSet<>(failed);
        if (!deletions.isEmpty()) {
            deleteCalls.incrementAndGet();
            sqs.deleteMessageBatch(request -> request.queueUrl(queue.url()).entries(deletions)).failed()
                    .forEach(failure -> {
                        // A receipt handle that expired (the invocation outlasted the visibility timeout): the message
                        // comes back, as it would from Lambda.
                        String messageId = messages.get(Integer.parseInt(failure.id())).messageId();
                        deleted.remove(messageId);
                        redelivered.add(messageId);
                    });
        }
        return new BatchInvocation(result, received, deleted, redelivered, null, reason);
    }

    private static ReceivedMessage received(Message message) {
        return new ReceivedMessage(message.messageId(),
                Integer.parseInt(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)),
                message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID), message.body());
    }

    /** Reproducible request ids, so two runs of a seeded test log the same ones. */
    private String requestId(int invocation) {
        return UUID.nameUUIDFromBytes((queue.arn() + "#" + invocation).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static final class Builder {
        private final SqsQueue queue;
        private int batchSize = MAX_BATCH_SIZE;
        private boolean reportBatchItemFailures = true;
        private Duration pollWait = Duration.ofSeconds(1);
        private Duration functionTimeout = Duration.ofSeconds(60);

        private Builder(SqsQueue queue) {
            this.queue = queue;
        }

        /** At most this many messages per invocation, 1..10 (default 10). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("batch size is 1.." + MAX_BATCH_SIZE + ": " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Whether the mapping sets {@code FunctionResponseTypes: [ReportBatchItemFailures]} (default true). */
        public Builder reportBatchItemFailures(boolean enabled) {
            this.reportBatchItemFailures = enabled;
            return this;
        }

        /** The long-polling wait of each receive, whole seconds 0..20 (default 1 s). */
        public Builder pollWait(Duration wait) {
            if (wait.isNegative() || wait.toSeconds() > 20 || wait.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("SQS long-polls 0..20 whole seconds: " + wait);
            }
            this.pollWait = wait;
            return this;
        }

        /** The time the function's context reports at the start of each invocation (default 60 s). */
        public Builder functionTimeout(Duration timeout) {
            this.functionTimeout = timeout;
            return this;
        }

        public EventSourceMapping build() {
            return new EventSourceMapping(this);
        }
    }
}

package dev.emrsessionstarter.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.emulator.emr.SessionTimings;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.testing.EmulatedAws;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.testing.SqsQueue;
import dev.emrsessionstarter.wiring.FunctionComponents;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The watch queue is a real SQS queue (ElasticMQ): the function's SendMessageBatch puts each check there with its
 * delay, SQS keeps it invisible that long, and the check it then hands out ends the watch.
 */
class WatchQueueTest {

    private final EmulatedAws aws = EmulatedAws.start(SessionTimings.instant());

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void a_started_session_waits_on_the_real_watch_queue_for_its_delay_then_ends_ready() {
        SqsQueue watchQueue = aws.watchQueue();
        FunctionComponents function = aws.function(aws.watchingSettings(Settings.QueueTrigger.REQUIRED));
        SQSBatchResponse started = new SqsSessionRequestHandler(function, FunctionFixture.powertoolsMetrics())
                .handleRequest(SqsEvents.batch(SqsEvents.message("m-1", Requests.valid().toString())),
                        LocalContext.fresh());
        assertThat(started.getBatchItemFailures()).isEmpty();

        assertThat(receive(watchQueue, 0)).as("invisible for its delay").isEmpty();
        List<Message> checks = receive(watchQueue, 5);
        assertThat(checks).hasSize(1);

        SQSEvent.SQSMessage record = SqsEvents.message(checks.get(0).messageId(), checks.get(0).body());
        SQSBatchResponse watched = new ReadinessCheckHandler(function, FunctionFixture.powertoolsMetrics())
                .handleRequest(SqsEvents.batch(record), LocalContext.fresh());

        assertThat(watched.getBatchItemFailures()).isEmpty();
        assertThat(aws.events().events()).extracting(RecordedEvent::detailType)
                .containsExactly(OutcomeEvents.STARTED, OutcomeEvents.READY);
    }

    private static List<Message> receive(SqsQueue queue, int waitSeconds) {
        return queue.client().receiveMessage(request -> request.queueUrl(queue.url()).waitTimeSeconds(waitSeconds)
                .maxNumberOfMessages(10)).messages();
    }
}

package dev.emrsessionstarter.harness.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.emulator.stepfunctions.TaskState;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.testing.TestSettings;
import dev.emrsessionstarter.testing.WatchFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/contract.md sections 4 and 6: a started request whose first check cannot be scheduled is retried like a
 * transient failure; on its last delivery (receive count at MAX_RECEIVE_COUNT) the failure event says {@code final:
 * true} before the message goes to the dead-letter queue, and a task waiting for it is failed.
 */
class UnscheduledFirstCheckTest {

    private final WatchFixture watch = WatchFixture.start();

    @AfterEach
    void stop() {
        watch.aws().close();
    }

    @Test
    void the_last_delivery_of_a_request_whose_check_cannot_be_scheduled_says_final_and_fails_its_task() {
        String taskToken = watch.aws().stepFunctions().issueTaskToken();
        watch.queueRefuses();
        int lastDelivery = TestSettings.sample().build().maxReceiveCount();

        SQSBatchResponse response = watch.sqsHandler().handleRequest(SqsEvents.batch(SqsEvents.message("m-1",
                Requests.valid().put("taskToken", taskToken).toString(), lastDelivery)), LocalContext.fresh());

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(watch.details(OutcomeEvents.START_FAILED)).as("final failure events")
                .anyMatch(failure -> failure.path("final").asBoolean());
        assertThat(watch.aws().stepFunctions().task(taskToken).state()).isEqualTo(TaskState.FAILED);
    }
}

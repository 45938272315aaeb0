package dev.emrsessionstarter.core.reporting;

import static dev.emrsessionstarter.testing.fakes.ScriptedOutcomePublisher.Entry.fails;
import static dev.emrsessionstarter.testing.fakes.ScriptedOutcomePublisher.Entry.ok;
import static dev.emrsessionstarter.testing.fakes.ScriptedSessionStarter.Answer.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.outcome.RequestOutcome.EventFate;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.fakes.CoreUnderTest;
import dev.emrsessionstarter.testing.fakes.Deliveries;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How each request is settled once its outcome event has (or has not) been published. */
class OutcomeReportingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CoreUnderTest core = CoreUnderTest.create();
    private final Delivery delivery = Deliveries.sqs("m-1", Requests.valid());

    @Test
    void a_started_session_whose_event_is_published_is_done() {
        RequestOutcome outcome = core.process(delivery).get(0);

        assertThat(outcome).isInstanceOf(RequestOutcome.Started.class);
        assertThat(outcome.event()).isEqualTo(EventFate.PUBLISHED);
        OutcomeEvent event = core.publisher().delivered().get(0);
        assertThat(event.detailType()).isEqualTo(OutcomeEvents.STARTED);
        assertThat(event.resources()).containsExactly(((RequestOutcome.Started) outcome).session().arn());
    }

    @Test
    void a_started_session_whose_event_is_not_published_becomes_a_retry_with_the_same_token() {
        core.publisher().nextCall(fails("AccessDeniedException", false));

        RequestOutcome first = core.process(delivery).get(0);
        RequestOutcome second = core.process(Deliveries.receivedAgain(delivery, 2)).get(0);

        assertThat(first).asInstanceOf(type(RequestOutcome.RetryLater.class)).satisfies(retry -> {
            assertThat(retry.error().code()).isEqualTo(ErrorCodes.OUTCOME_EVENT_NOT_DELIVERED);
            assertThat(retry.event()).isEqualTo(EventFate.NOT_PUBLISHED);
            assertThat(retry.calls()).hasSize(1);
        });
        assertThat(second).isInstanceOf(RequestOutcome.Started.class);
        assertThat(core.starter().tokens()).hasSize(2).containsOnly(first.request().clientToken());
        assertThat(detail(core.publisher().delivered().get(0)).get("sessionId").asText())
                .isEqualTo(((RequestOutcome.Started) second).session().sessionId());
    }

    @Test
    void a_rejection_whose_event_is_not_published_becomes_a_retry() {
        core.starter().answer(failure("ValidationException", 400));
        core.publisher().failCalls(4, "InternalFailure", true);

        RequestOutcome outcome = core.process(delivery).get(0);

        assertThat(outcome).asInstanceOf(type(RequestOutcome.RetryLater.class)).satisfies(retry -> {
            assertThat(retry.error().code()).isEqualTo(ErrorCodes.OUTCOME_EVENT_NOT_DELIVERED);
            assertThat(retry.error().retryable()).isTrue();
        });
    }

    @Test
    void an_invalid_request_whose_event_is_not_published_becomes_a_retry() {
        core.publisher().nextCall(fails("AccessDeniedException", false));

        RequestOutcome outcome = core.process(Deliveries.sqs("m-2", Requests.invalid())).get(0);

        assertThat(outcome).asInstanceOf(type(RequestOutcome.RetryLater.class))
                .satisfies(retry -> assertThat(retry.error().code()).isEqualTo(ErrorCodes.OUTCOME_EVENT_NOT_DELIVERED));
        assertThat(core.starter().callCount()).isZero();
    }

    @Test
    void a_retry_event_is_best_effort() {
        core.starter().answer(failure("ServiceQuotaExceededException", 402));
        core.publisher().nextCall(fails("AccessDeniedException", false));

        RequestOutcome outcome = core.process(delivery).get(0);

        assertThat(outcome).asInstanceOf(type(RequestOutcome.RetryLater.class)).satisfies(retry -> {
            assertThat(retry.error().code()).isEqualTo("ServiceQuotaExceededException");
            assertThat(retry.event()).isEqualTo(EventFate.NOT_PUBLISHED);
        });
    }

    @Test
    void a_retry_event_says_not_final_before_the_last_attempt() {
        core.starter().answer(failure("ConflictException", 409));

        core.process(delivery);

        JsonNode detail = detail(core.publisher().delivered().get(0));
        assertThat(detail.get("final").asBoolean()).isFalse();
        assertThat(detail.get("error").get("code").asText()).isEqualTo("ConflictException");
        assertThat(detail.get("error").get("retryable").asBoolean()).isTrue();
    }

    @Test
    void a_last_attempt_event_says_final() {
        core.starter().answer(failure("ConflictException", 409));

        RequestOutcome outcome = core.process(Deliveries.lastAttempt(delivery)).get(0);

        assertThat(outcome).asInstanceOf(type(RequestOutcome.RetryLater.class))
                .satisfies(retry -> assertThat(retry.lastAttempt()).isTrue());
        assertThat(detail(core.publisher().delivered().get(0)).get("final").asBoolean()).isTrue();
    }

    @Test
    void a_rejection_event_says_final() {
        core.starter().answer(failure("ResourceNotFoundException", 404));

        core.process(delivery);

        OutcomeEvent event = core.publisher().delivered().get(0);
        assertThat(event.detailType()).isEqualTo(OutcomeEvents.START_FAILED);
        assertThat(detail(event).get("final").asBoolean()).isTrue();
        assertThat(detail(event).get("error").get("retryable").asBoolean()).isFalse();
    }

    @Test
    void a_kept_back_fifo_message_reports_nothing() {
        core.starter().answer(failure("ConflictException", 409));

        List<RequestOutcome> outcomes = core.process(Deliveries.fifo("m-1", "g", Requests.valid()),
                Deliveries.fifo("m-2", "g", Requests.valid()));

        assertThat(core.publisher().batches()).singleElement().satisfies(batch -> assertThat(batch).hasSize(1));
        assertThat(outcomes.get(1)).asInstanceOf(type(RequestOutcome.RetryLater.class)).satisfies(retry -> {
            assertThat(retry.keptBack()).isTrue();
            assertThat(retry.event()).isEqualTo(EventFate.NONE);
        });
    }

    @Test
    void a_kept_back_fifo_message_on_its_last_attempt_reports_a_final_failure() {
        core.starter().answer(failure("ConflictException", 409));

        core.process(Deliveries.fifo("m-1", "g", Requests.valid()),
                Deliveries.lastAttempt(Deliveries.fifo("m-2", "g", Requests.valid())));

        assertThat(core.publisher().delivered()).hasSize(2);
        JsonNode keptBack = detail(core.publisher().delivered().get(1));
        assertThat(keptBack.get("error").get("code").asText()).isEqualTo(ErrorCodes.PRECEDING_MESSAGE_FAILED);
        assertThat(keptBack.get("final").asBoolean()).isTrue();
    }

    @Test
    void the_events_of_a_batch_go_out_together_in_the_order_of_the_batch() {
        core.starter().answerToken(core.read(Deliveries.sqs("m-2", Requests.valid())).clientToken(),
                failure("ValidationException", 400));

        core.process(Deliveries.sqs("m-1", Requests.valid()), Deliveries.sqs("m-2", Requests.valid()),
                Deliveries.sqs("m-3", Requests.invalid()));

        assertThat(core.publisher().batches()).hasSize(1);
        assertThat(core.publisher().batches().get(0)).extracting(OutcomeEvent::detailType).containsExactly(
                OutcomeEvents.STARTED, OutcomeEvents.START_FAILED, OutcomeEvents.START_FAILED);
    }

    @Test
    void a_failed_entry_settles_only_its_own_request() {
        core.publisher().nextCall(ok(), fails("AccessDeniedException", false));

        List<RequestOutcome> outcomes = core.process(Deliveries.sqs("m-1", Requests.valid()),
                Deliveries.sqs("m-2", Requests.valid()));

        assertThat(outcomes.get(0)).isInstanceOf(RequestOutcome.Started.class);
        assertThat(outcomes.get(1)).isInstanceOf(RequestOutcome.RetryLater.class);
    }

    @Test
    void an_event_never_carries_a_property_value() {
        core.starter().answer(failure("ValidationException", 400, "bad value " + Requests.PLANTED_SECRET));

        core.process(Deliveries.sqs("m-1", Requests.withSecret()));

        assertThat(core.publisher().delivered()).singleElement()
                .satisfies(event -> assertThat(event.detail()).doesNotContain(Requests.PLANTED_SECRET));
    }

    private static JsonNode detail(OutcomeEvent event) {
        try {
            return JSON.readTree(event.detail());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

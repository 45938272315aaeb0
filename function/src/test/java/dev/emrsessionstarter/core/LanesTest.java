package dev.emrsessionstarter.core;

import static dev.emrsessionstarter.testing.fakes.ScriptedOutcomePublisher.Entry.fails;
import static dev.emrsessionstarter.testing.fakes.ScriptedSessionStarter.Answer.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.fakes.CoreUnderTest;
import dev.emrsessionstarter.testing.fakes.Deliveries;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which requests of a batch may overlap, and the FIFO rule: a group's order holds, even across a failure. */
class LanesTest {

    private final AtomicInteger lanesHandedToTheExecutor = new AtomicInteger();
    private final Executor countingExecutor = task -> {
        lanesHandedToTheExecutor.incrementAndGet();
        task.run();
    };
    private final CoreUnderTest core = CoreUnderTest.builder().executor(countingExecutor).build();

    private final Delivery a1 = Deliveries.fifo("a-1", "A", Requests.valid());
    private final Delivery b1 = Deliveries.fifo("b-1", "B", Requests.valid());
    private final Delivery a2 = Deliveries.fifo("a-2", "A", Requests.valid());
    private final Delivery b2 = Deliveries.fifo("b-2", "B", Requests.valid());
    private final Delivery a3 = Deliveries.fifo("a-3", "A", Requests.valid());

    @Test
    void the_messages_of_a_fifo_group_start_in_their_order() {
        core.process(a1, b1, a2, b2, a3);

        assertThat(core.starter().tokens()).containsSubsequence(token(a1), token(a2), token(a3))
                .containsSubsequence(token(b1), token(b2));
    }

    @Test
    void outcomes_come_back_in_the_order_of_the_batch() {
        List<RequestOutcome> outcomes = core.process(a1, b1, a2, b2, a3);

        assertThat(outcomes).extracting(outcome -> outcome.request().delivery().deliveryId())
                .containsExactly("a-1", "b-1", "a-2", "b-2", "a-3");
    }

    @Test
    void a_failure_keeps_back_the_rest_of_its_group_untried() {
        core.starter().answerToken(token(a2), failure("ConflictException", 409));

        List<RequestOutcome> outcomes = core.process(a1, b1, a2, b2, a3);

        assertThat(core.starter().tokens()).doesNotContain(token(a3)).contains(token(b1), token(b2));
        assertThat(outcomes.get(4)).asInstanceOf(type(RequestOutcome.RetryLater.class)).satisfies(retry -> {
            assertThat(retry.keptBack()).isTrue();
            assertThat(retry.calls()).isEmpty();
        });
        assertThat(outcomes.get(0)).isInstanceOf(RequestOutcome.Started.class);
        assertThat(outcomes.get(3)).isInstanceOf(RequestOutcome.Started.class);
    }

    @Test
    void a_rejection_does_not_hold_its_group_back() {
        core.starter().answerToken(token(a1), failure("ValidationException", 400));

        List<RequestOutcome> outcomes = core.process(a1, a2);

        assertThat(outcomes.get(0)).isInstanceOf(RequestOutcome.Rejected.class);
        assertThat(outcomes.get(1)).isInstanceOf(RequestOutcome.Started.class);
    }

    @Test
    void on_a_standard_queue_a_failure_holds_nothing_back() {
        Delivery first = Deliveries.sqs("m-1", Requests.valid());
        Delivery second = Deliveries.sqs("m-2", Requests.valid());
        core.starter().answerToken(token(first), failure("ConflictException", 409));

        List<RequestOutcome> outcomes = core.process(first, second);

        assertThat(outcomes.get(1)).isInstanceOf(RequestOutcome.Started.class);
        assertThat(Lanes.toDeliverAgain(outcomes)).containsExactly(outcomes.get(0));
    }

    @Test
    void every_request_of_a_standard_batch_has_a_lane_of_its_own() {
        core.process(Deliveries.sqs("m-1", Requests.valid()), Deliveries.sqs("m-2", Requests.valid()),
                Deliveries.sqs("m-3", Requests.valid()));

        // Three lanes: two on the executor, the last on the calling thread.
        assertThat(lanesHandedToTheExecutor).hasValue(2);
    }

    @Test
    void requests_sharing_a_client_token_share_a_lane_and_run_in_order() {
        Delivery first = Deliveries.sqs("m-1", withClientToken("shared"));
        Delivery other = Deliveries.sqs("m-2", withClientToken("other"));
        Delivery second = Deliveries.sqs("m-3", withClientToken("shared"));

        List<RequestOutcome> outcomes = core.process(first, other, second);

        assertThat(lanesHandedToTheExecutor).hasValue(1);
        assertThat(core.starter().tokens()).containsExactly("shared", "shared", "other");
        assertThat(outcomes.get(2)).asInstanceOf(type(RequestOutcome.Started.class))
                .extracting(RequestOutcome.Started::session)
                .isEqualTo(((RequestOutcome.Started) outcomes.get(0)).session());
    }

    @Test
    void requests_whose_identities_derive_the_same_token_share_a_lane() {
        ObjectNode keyed = Requests.valid().put("idempotencyKey", "nightly-2026-01-01");

        Delivery first = Deliveries.sqs("m-1", keyed);

        core.process(first, Deliveries.sqs("m-2", keyed));

        assertThat(lanesHandedToTheExecutor).as("one lane, on the calling thread").hasValue(0);
        assertThat(core.starter().tokens()).containsExactly(token(first), token(first));
    }

    @Test
    void invalid_requests_have_lanes_of_their_own() {
        core.process(Deliveries.sqs("m-1", Requests.invalid()), Deliveries.sqs("m-2", Requests.invalid()));

        assertThat(lanesHandedToTheExecutor).hasValue(1);
    }

    @Test
    void to_deliver_again_are_the_retries_and_every_later_message_of_their_group() {
        core.starter().answerToken(token(a2), failure("ConflictException", 409));

        List<RequestOutcome> outcomes = core.process(a1, b1, a2, b2, a3);

        assertThat(Lanes.toDeliverAgain(outcomes)).extracting(outcome -> outcome.request().delivery().deliveryId())
                .containsExactly("a-2", "a-3");
    }

    @Test
    void a_message_after_one_whose_event_was_not_published_is_delivered_again_too() {
        core.publisher().nextCall(fails("AccessDeniedException", false));

        List<RequestOutcome> outcomes = core.process(a1, a2);

        assertThat(outcomes.get(1)).isInstanceOf(RequestOutcome.Started.class);
        assertThat(Lanes.toDeliverAgain(outcomes)).extracting(outcome -> outcome.request().delivery().deliveryId())
                .containsExactly("a-1", "a-2");
    }

    @Test
    void nothing_is_delivered_again_when_every_request_is_done() {
        core.starter().answerToken(token(a1), failure("ValidationException", 400));

        assertThat(Lanes.toDeliverAgain(core.process(a1, b1, a2))).isEmpty();
    }

    private String token(Delivery delivery) {
        return core.read(delivery).clientToken();
    }

    private static ObjectNode withClientToken(String token) {
        return Requests.valid().put("clientToken", token);
    }
}

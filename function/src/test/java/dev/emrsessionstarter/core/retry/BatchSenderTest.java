package dev.emrsessionstarter.core.retry;

import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import static dev.emrsessionstarter.testing.fakes.ScriptedOutcomePublisher.Entry.fails;
import static dev.emrsessionstarter.testing.fakes.ScriptedOutcomePublisher.Entry.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.testing.fakes.CoreUnderTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Publishing a batch's events with the production policy: 4 attempts in all, backoff from 100 ms, calls of at most
 * 5 s and none shorter than 250 ms.
 */
class BatchSenderTest {

    private final CoreUnderTest core = CoreUnderTest.create();
    private final List<OutcomeEvent> events = IntStream.rangeClosed(1, 3).mapToObj(BatchSenderTest::event).toList();

    @Test
    void all_events_go_out_in_one_call() {
        List<ServiceCall<String>> fates = publish(Duration.ofMinutes(1));

        assertThat(core.publisher().batches()).containsExactly(events);
        assertThat(fates).allMatch(ServiceCall.Answered.class::isInstance);
    }

    @Test
    void failed_entries_are_sent_again_alone() {
        core.publisher().nextCall(ok(), fails("ThrottlingException", true), ok());

        List<ServiceCall<String>> fates = publish(Duration.ofMinutes(1));

        assertThat(core.publisher().batches()).containsExactly(events, List.of(events.get(1)));
        assertThat(fates).allMatch(ServiceCall.Answered.class::isInstance);
    }

    @Test
    void entries_that_fail_for_good_are_not_sent_again() {
        core.publisher().nextCall(fails("AccessDeniedException", false), ok(), fails("InternalFailure", true));

        List<ServiceCall<String>> fates = publish(Duration.ofMinutes(1));

        assertThat(core.publisher().batches()).containsExactly(events, List.of(events.get(2)));
        assertThat(fates.get(0)).isEqualTo(
                ServiceCall.Failed.of("AccessDeniedException", "AccessDeniedException (scripted)", false));
    }

    @Test
    void results_come_back_in_the_order_of_the_events_whichever_call_settled_them() {
        core.publisher().nextCall(fails("InternalFailure", true), ok(), fails("MalformedDetail", false));

        List<ServiceCall<String>> fates = publish(Duration.ofMinutes(1));

        assertThat(fates).hasSize(3);
        assertThat(fates.get(0)).isEqualTo(new ServiceCall.Answered<>("event-2"));
        assertThat(fates.get(1)).isEqualTo(new ServiceCall.Answered<>("event-1"));
        assertThat(fates.get(2)).isInstanceOf(ServiceCall.Failed.class);
    }

    @Test
    void a_call_that_fails_as_a_whole_is_made_again_for_every_event() {
        core.publisher().failCalls(1, "InternalException", true);

        List<ServiceCall<String>> fates = publish(Duration.ofMinutes(1));

        assertThat(core.publisher().batches()).containsExactly(events, events);
        assertThat(fates).allMatch(ServiceCall.Answered.class::isInstance);
    }

    @Test
    void retries_stop_at_the_attempt_limit_after_growing_waits() {
        core.publisher().failCalls(10, "ThrottlingException", true);

        List<ServiceCall<String>> fates = publish(Duration.ofMinutes(1));

        assertThat(core.publisher().callCount()).isEqualTo(4);
        assertThat(core.sleeper().waits())
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(fates).allSatisfy(fate -> assertThat(fate)
                .isEqualTo(ServiceCall.Failed.of("ThrottlingException", "ThrottlingException (scripted)", true)));
    }

    @Test
    void a_first_attempt_is_made_even_when_the_invocation_is_out_of_time() {
        List<ServiceCall<String>> fates = publish(Duration.ZERO);

        assertThat(core.publisher().timeouts()).containsExactly(Duration.ofMillis(250));
        assertThat(fates).allMatch(ServiceCall.Answered.class::isInstance);
    }

    @Test
    void no_retry_is_made_without_time_for_it() {
        core.publisher().eachCallTakes(Duration.ofMillis(700)).failCalls(1, "InternalException", true);

        List<ServiceCall<String>> fates = publish(Duration.ofSeconds(1));

        // 300 ms left, less the 100 ms backoff: 200 ms, short of the 250 ms a call needs.
        assertThat(core.publisher().callCount()).isEqualTo(1);
        assertThat(fates).allSatisfy(fate -> assertThat(fate).isInstanceOf(ServiceCall.Failed.class));
    }

    @Test
    void a_call_is_given_the_time_left_up_to_the_attempt_timeout_with_no_reserve() {
        publish(Duration.ofSeconds(3));
        publish(Duration.ofMinutes(1));

        assertThat(core.publisher().timeouts()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    @Test
    void an_interrupted_wait_stops_the_retries_and_each_event_keeps_its_last_result() {
        core.sleeper().interruptNextSleep();
        core.publisher().nextCall(ok(), fails("ThrottlingException", true), ok());

        List<ServiceCall<String>> fates;
        try {
            fates = publish(Duration.ofMinutes(1));
        } finally {
            Thread.interrupted();
        }

        assertThat(fates.get(1)).isEqualTo(ServiceCall.Failed.of("ThrottlingException",
                "ThrottlingException (scripted)", true));
        assertThat(core.publisher().callCount()).isEqualTo(1);
    }

    @Test
    void nothing_to_publish_makes_no_call() {
        assertThat(core.batchSender().send(List.of(), core.deadlineIn(Duration.ofMinutes(1)))).isEmpty();
        assertThat(core.publisher().callCount()).isZero();
    }

    private List<ServiceCall<String>> publish(Duration remaining) {
        return core.batchSender().send(events, core.deadlineIn(remaining));
    }

    private static OutcomeEvent event(int number) {
        return new OutcomeEvent(OutcomeEvents.STARTED, "{\"n\":" + number + "}", List.of());
    }
}

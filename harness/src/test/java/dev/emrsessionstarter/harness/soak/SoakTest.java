package dev.emrsessionstarter.harness.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.emrsessionstarter.core.reporting.OutcomeEvents;
import dev.emrsessionstarter.emulator.stepfunctions.TaskState;
import dev.emrsessionstarter.emulator.stepfunctions.TaskView;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost under load, faults and bad input: the SQS handler fed by a real queue through the event source mapping
 * harness, every started session followed by the readiness check handler fed by a second real queue, against the
 * emulators with every fault at once. The test suite runs a small size; a bigger run is one command (see
 * docs/testing.md, "Soak and fuzz"):
 *
 * <pre>
 * mvn -B test -Dtest=SoakTest -Dsoak.requests=10000 -Dsoak.seed=7
 * </pre>
 *
 * Other knobs: {@code soak.faults} (emulator faults, {@code TARGET=KIND@WHEN} separated by {@code ;}),
 * {@code soak.crashRate}, {@code soak.invalidShare}, {@code soak.duplicateShare}, {@code soak.quotaShare},
 * {@code soak.quotaSlots}, {@code soak.maxReceiveCount}, {@code soak.taskShare}, {@code soak.taskCloseShare},
 * {@code soak.watchCrashRate}, {@code soak.watchQueueFailureRate}, {@code soak.watchMaxReceiveCount},
 * {@code soak.terminateUnready}, {@code soak.timeScale}.
 *
 * <p>Cases of a defect of the function listed in {@link SoakChecks#KNOWN_DEFECTS} are printed under their check but do
 * not fail the test; once the function is fixed, its entry goes and its cases fail again.
 */
class SoakTest {

    @Test
    void nothing_is_lost_under_load_faults_and_bad_input() {
        SoakPlan plan = SoakPlan.fromSystemProperties();
        SoakResult result = SoakRun.run(plan);
        SoakFacts facts = new SoakFacts(result);
        List<SoakChecks.Check> checks = new SoakChecks(facts).all();

        System.out.println(SoakSummary.of(facts, checks));

        assertThat(checks).allSatisfy(check -> assertThat(check.failures()).as(check.name()).isEmpty());
        if (plan.equals(SoakPlan.defaults())) {
            // The suite's run must meet every hazard, or its checks prove less than they say.
            assertThat(result.invocations().crashes()).as("crashes mid-batch").isPositive();
            assertThat(result.deadLettered()).as("requests that ran out of deliveries").isNotEmpty();
            assertThat(facts.failureEvents.values().stream().flatMap(List::stream)
                    .map(failure -> failure.path("error").path("code").asText()))
                    .as("failure codes").contains("ServiceQuotaExceededException", "InvalidSessionRequest",
                            "SessionRequestNotAllowed");
            // The EventBridge outage strikes the request function's events or the watch's, as the calls fall.
            assertThat(result.output().unpublishedEventsByDelivery().size()
                    + result.output().readinessEventsNotPublished()).as("outcome events lost for good").isPositive();
            assertThat(result.reads()).extracting(read -> read.event().detailType()).as("ends of watches")
                    .contains(OutcomeEvents.READY, OutcomeEvents.SESSION_FAILED, OutcomeEvents.NOT_READY);
            assertThat(result.watch().fates().values()).as("checks handed back or redelivered")
                    .anyMatch(fate -> fate.deliveries() > 1);
            assertThat(result.tasks().views()).extracting(TaskView::state).as("task ends")
                    .contains(TaskState.SUCCEEDED, TaskState.FAILED);
            assertThat(result.tasks().closedBySoak()).as("tasks stopped or timed out while waiting").isNotEmpty();
        }
    }
}

package dev.emrsessionstarter.harness.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.adapter.emr.EmrServerlessSessionStarter;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.entrypoint.SqsSessionRequestHandler;
import dev.emrsessionstarter.testing.EmulatedAws;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.testing.TestSettings;
import dev.emrsessionstarter.wiring.AwsClients;
import dev.emrsessionstarter.wiring.FunctionComponents;
import dev.emrsessionstarter.wiring.Ports;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Execution environments that die are replaced, and nothing of a dead one stays behind. */
class ExecutionEnvironmentsTest {

    private static final int ENVIRONMENTS = 10;

    private final FunctionFixture function = FunctionFixture.start(TestSettings.sample()
            .with(Settings.START_SESSION_CONCURRENCY, "10"));

    @AfterEach
    void stopEmulators() {
        function.close();
    }

    @Test
    void environments_that_died_leave_no_lane_threads_behind() throws InterruptedException {
        Set<Thread> before = laneThreads();
        AtomicInteger batches = new AtomicInteger();
        ExecutionEnvironments lambda = new ExecutionEnvironments(this::crashingEnvironment);

        // Each batch of ten requests runs nine lanes on the environment's lane threads, and the environment dies at
        // its first StartSession call.
        for (int environment = 0; environment < ENVIRONMENTS; environment++) {
            int batch = batches.incrementAndGet();
            SQSEvent event = SqsEvents.batch(IntStream.rangeClosed(1, 10)
                    .mapToObj(i -> SqsEvents.message("m" + batch + "-" + i,
                            Requests.valid().put("name", "lane-" + batch + "-" + i).toString()))
                    .toList());
            // The crash comes from the lane that met it first: the calling thread's or a lane thread's.
            assertThatThrownBy(() -> lambda.handleRequest(event, LocalContext.fresh())).satisfiesAnyOf(
                    error -> assertThat(error).isInstanceOf(SimulatedCrash.class),
                    error -> assertThat(error).hasCauseInstanceOf(SimulatedCrash.class));
        }

        assertThat(lambda.started()).isEqualTo(ENVIRONMENTS);
        // Closing ended each pool (its lanes finished); a thread that has just left its pool is joined, not waited for.
        List<Thread> left = new ArrayList<>(laneThreads());
        left.removeAll(before);
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread thread : left) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(giveUpAt - System.nanoTime())));
        }
        assertThat(left).filteredOn(Thread::isAlive).as("lane threads of environments that died").isEmpty();
    }

    @Test
    void a_retired_environment_is_closed_before_its_failure_is_passed_on_and_close_ends_the_current_one() {
        List<String> closed = new ArrayList<>();
        AtomicInteger environments = new AtomicInteger();
        ExecutionEnvironments lambda = new ExecutionEnvironments(() -> {
            int number = environments.incrementAndGet();
            return new SqsFunction() {
                @Override
                public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
                    assertThat(closed).as("environments closed before this one served").hasSize(number - 1);
                    if (number == 1) {
                        throw new SimulatedCrash("environment 1 dies");
                    }
                    return new SQSBatchResponse(List.of());
                }

                @Override
                public void close() {
                    closed.add("environment " + number);
                }
            };
        });

        assertThatThrownBy(() -> lambda.handleRequest(SqsEvents.batch(), LocalContext.fresh()))
                .isInstanceOf(SimulatedCrash.class);
        assertThat(closed).containsExactly("environment 1");
        lambda.handleRequest(SqsEvents.batch(), LocalContext.fresh());
        lambda.handleRequest(SqsEvents.batch(), LocalContext.fresh());
        assertThat(closed).containsExactly("environment 1");

        lambda.close();

        assertThat(closed).containsExactly("environment 1", "environment 2");
        assertThat(lambda.started()).isEqualTo(2);
    }

    /** A new environment of the SQS handler, with clients of its own, that dies at its first StartSession call. */
    private SqsFunction crashingEnvironment() {
        Settings settings = function.settings();
        AwsClients clients = function.aws().clients();
        Ports ports = Ports.of(clients, settings);
        CrashingSessionStarter starter = CrashingSessionStarter.afterCall(
                new EmrServerlessSessionStarter(clients.emrServerless()), 1);
        SqsSessionRequestHandler handler = new SqsSessionRequestHandler(FunctionComponents.assemble(settings,
                new Ports(starter, ports.publisher(), ports.checks(), ports.sessions(), ports.tasks()),
                EmulatedAws.fastTiming(Clock.systemUTC())), FunctionFixture.powertoolsMetrics());
        return SqsFunction.closing(handler::handleRequest, handler, clients);
    }

    private static Set<Thread> laneThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(FunctionComponents.LANE_THREAD_PREFIX))
                .collect(Collectors.toSet());
    }
}

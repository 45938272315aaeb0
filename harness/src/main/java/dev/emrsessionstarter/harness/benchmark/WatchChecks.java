package dev.emrsessionstarter.harness.benchmark;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.port.BatchPublisher;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.ScheduledCheck;
import dev.emrsessionstarter.emulator.emr.StartupOutcome;
import dev.emrsessionstarter.entrypoint.SqsSessionRequestHandler;
import dev.emrsessionstarter.testing.EmulatedAws;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.wiring.FunctionComponents;
import dev.emrsessionstarter.wiring.Ports;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Readiness checks as the request function writes them, for sessions the emulator really holds: ten sessions are
 * started in this JVM through the SQS handler with the watch on, and the first checks it schedules are kept instead of
 * sent. A watch function can then be given the very messages it would receive.
 */
final class WatchChecks {

    private WatchChecks() {
    }

    /** Starts {@code count} sessions that turn ready as {@code startup} says; returns their first checks' bodies. */
    static List<String> forNewSessions(EmulatedAws aws, int count, StartupOutcome startup, String watchQueueUrl) {
        Settings settings = Settings.fromEnvironment(Map.of(
                Settings.ALLOWED_APPLICATION_IDS, EmulatedAws.APPLICATION_ID,
                Settings.ALLOWED_EXECUTION_ROLE_ARNS, EmulatedAws.ROLE_ARN,
                Settings.EVENT_BUS_NAME, EmulatedAws.EVENT_BUS,
                Settings.MAX_RECEIVE_COUNT, "5",
                Settings.WATCH_QUEUE_URL, watchQueueUrl), Settings.QueueTrigger.REQUIRED);
        List<String> bodies = new ArrayList<>();
        BatchPublisher<ScheduledCheck> keep = (checks, timeout) -> {
            List<ServiceCall<String>> results = new ArrayList<>();
            for (ScheduledCheck check : checks) {
                bodies.add(check.body());
                results.add(new ServiceCall.Answered<>("kept-" + bodies.size()));
            }
            return results;
        };
        Ports real = Ports.of(aws.clients(), settings);
        FunctionComponents components = FunctionComponents.assemble(settings,
                new Ports(real.starter(), real.publisher(), keep, real.sessions(), real.tasks()),
                EmulatedAws.fastTiming(Clock.systemUTC()));
        aws.emr().startupForNextSessions(count, startup);
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(SqsEvents.message("watched-" + System.nanoTime() + "-" + i,
                    Requests.valid().put("name", "watched-" + i).toString()));
        }
        SQSBatchResponse response = new SqsSessionRequestHandler(components, FunctionFixture.powertoolsMetrics())
                .handleRequest(SqsEvents.batch(messages), LocalContext.fresh());
        if (!response.getBatchItemFailures().isEmpty() || bodies.size() != count) {
            throw new IllegalStateException("expected " + count + " first checks, got " + bodies.size());
        }
        return List.copyOf(bodies);
    }

    /** Sessions still starting when their checks come: each check finds them not ready and schedules the next. */
    static StartupOutcome notReadyForAnHour() {
        return StartupOutcome.readyAfter(Duration.ofHours(1), Duration.ZERO);
    }

    /** Sessions ready at once: each check finds them ready and publishes a Ready event. */
    static StartupOutcome readyAtOnce() {
        return StartupOutcome.readyAfter(Duration.ZERO, Duration.ZERO);
    }
}

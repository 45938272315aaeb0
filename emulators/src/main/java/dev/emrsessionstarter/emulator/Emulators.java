package dev.emrsessionstarter.emulator;

import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.emulator.emr.EmrServerlessEmulator;
import dev.emrsessionstarter.emulator.eventbridge.EventBridgeEmulator;
import dev.emrsessionstarter.emulator.stepfunctions.StepFunctionsEmulator;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the three emulators standalone until killed, with one default application, and prints their addresses, the
 * environment variables that point any AWS SDK or the AWS CLI at them, and the URLs that show what each received
 * ({@code GET /_emulator/sessions}, {@code /_emulator/events}, {@code /_emulator/tasks} on its own port).
 *
 * <pre>
 * mvn -q test-compile exec:java@emulators [-Dexec.args="--emr-port 4599 ..."]
 * </pre>
 *
 * The options are in {@link EmulatorOptions#usage()} ({@code --help} prints them). A mistake in them stops the
 * command with a one-line message and exit status 2.
 */
public final class Emulators {

    /** The application every standalone run has: release emr-7.13.0, STARTED, sessions enabled. */
    public static final String DEFAULT_APPLICATION_ID = "00fkabc123xyz";

    private Emulators() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmulatorOptions options;
        EmrServerlessEmulator emr;
        EventBridgeEmulator events;
        StepFunctionsEmulator sfn;
        try {
            options = EmulatorOptions.parse(args);
            if (options.help) {
                System.out.println(EmulatorOptions.usage());
                return;
            }
            emr = EmrServerlessEmulator.builder().region(options.region).port(options.emrPort).seed(options.seed)
                    .build();
            emr.addApplication(Application.builder().id(options.applicationId).name("local-sessions").build());
            events = EventBridgeEmulator.builder().region(options.region).port(options.eventsPort)
                    .seed(options.seed).build();
            sfn = StepFunctionsEmulator.builder().region(options.region).port(options.sfnPort).seed(options.seed)
                    .build();
            for (EmulatorOptions.Latency latency : options.latencies) {
                FaultTargets.callPlan(latency.target(), emr, events, sfn).latency(latency.latency());
            }
            for (EmulatorOptions.Fault fault : options.faults) {
                FaultTargets.applyFault(fault.spec(), fault.written(), emr, events, sfn);
            }
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        try {
            emr.start();
            events.start();
            sfn.start();
        } catch (UncheckedIOException e) {
            // A port already taken: say which, without a stack trace.
            fail(e.getMessage());
            return;
        }
        List<String> taskTokens = new ArrayList<>();
        for (int i = 0; i < options.taskTokens; i++) {
            taskTokens.add(sfn.issueTaskToken());
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emr.close();
            events.close();
            sfn.close();
            stopped.countDown();
        }, "emulators-shutdown"));
        describe(System.out, options, emr, events, sfn, taskTokens);
        stopped.await();
    }

    private static void fail(String message) {
        System.err.println("emulators: " + message);
        System.exit(2);
    }

    /** The addresses, the variables to export and where to see what the emulators received. */
    static void describe(PrintStream out, EmulatorOptions options, EmrServerlessEmulator emr,
                         EventBridgeEmulator events, StepFunctionsEmulator sfn, List<String> taskTokens) {
        out.println("EMR Serverless emulator: " + emr.endpoint());
        out.println("EventBridge emulator: " + events.endpoint());
        out.println("Step Functions emulator: " + sfn.endpoint());
        out.println("Application: " + options.applicationId + " (emr-7.13.0, STARTED, sessions enabled)");
        taskTokens.forEach(token -> out.println("Waiting task: " + token));
        out.println();
        out.println("export AWS_ENDPOINT_URL_EMR_SERVERLESS=" + emr.endpoint());
        out.println("export AWS_ENDPOINT_URL_EVENTBRIDGE=" + events.endpoint());
        out.println("export AWS_ENDPOINT_URL_SFN=" + sfn.endpoint());
        // The names every SDK and the AWS CLI read: AWS_ENDPOINT_URL_ plus the service id in capitals, spaces as
        // underscores (EMR Serverless, EventBridge, SFN); AWS_REGION for the Java and JavaScript SDKs, and
        // AWS_DEFAULT_REGION as well for botocore (boto3, the AWS CLI v1), which reads only that one.
        out.println("export AWS_REGION=" + options.region + " AWS_DEFAULT_REGION=" + options.region);
        out.println("export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local");
        out.println();
        out.println("What they received, as JSON:");
        out.println("  curl -s " + emr.endpoint() + EmrServerlessEmulator.SESSIONS_VIEW);
        out.println("  curl -s " + events.endpoint() + EventBridgeEmulator.EVENTS_VIEW);
        out.println("  curl -s " + sfn.endpoint() + StepFunctionsEmulator.TASKS_VIEW);
        out.println();
        out.println("Running until killed (Ctrl-C).");
        out.flush();
    }
}

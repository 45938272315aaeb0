package dev.emrsessionstarter.harness.run;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.config.SettingsException;
import dev.emrsessionstarter.emulator.emr.SessionTimings;
import dev.emrsessionstarter.emulator.emr.SessionView;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.entrypoint.DirectSessionRequestHandler;
import dev.emrsessionstarter.entrypoint.EventBridgeSessionRequestHandler;
import dev.emrsessionstarter.entrypoint.InvocationMetrics;
import dev.emrsessionstarter.entrypoint.ReadinessCheckHandler;
import dev.emrsessionstarter.entrypoint.SessionRequestFailedException;
import dev.emrsessionstarter.entrypoint.SqsSessionRequestHandler;
import dev.emrsessionstarter.testing.EmulatedAws;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.wiring.AwsClients;
import dev.emrsessionstarter.wiring.FunctionComponents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * Runs the function once, on a sample event or any event file (or standard input), the way Lambda would call the
 * handler for that trigger, and prints what happened: the handler's response, the sessions started, the outcome
 * events published and the readiness watch. Its exit status says how the requests ended ({@link ExitCode}), so a
 * script can act on it; {@code --help} lists the options, the settings and the exit statuses.
 *
 * <p>By default it runs against the in-process EMR Serverless, EventBridge and Step Functions emulators and a real SQS
 * watch queue, with the function's settings from the environment where set and the local defaults
 * ({@link LocalSettings}) for the others: no AWS account needed. With {@code --aws} it runs against AWS with the
 * standard credentials and region, and every setting from the environment.
 *
 * <pre>
 * mvn -q test-compile exec:java@run -Dexec.args="events/sqs-batch.json"
 * mvn -q test-compile exec:java@run -Dexec.args="--aws events/step-functions-payload.json"
 * cat my-request.json | mvn -q test-compile exec:java@run -Dexec.args="--trigger direct -"
 * </pre>
 *
 * The function's JSON log lines go to standard error; a mistake in the command, the file or the settings is one line
 * there too.
 */
public final class LocalRun {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Sessions start in seconds here, so a run shows the whole watch: SUBMITTED 1 s, STARTING 2 s, then IDLE. */
    static final SessionTimings QUICK_START_UP =
            new SessionTimings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1));

    private LocalRun() {
    }

    /**
     * Runs and ends the JVM with the run's exit status. Under {@code exec:java} that JVM is Maven's: ending it here,
     * with both streams flushed, gives the shell the run's own status without Maven's error block around it.
     */
    public static void main(String[] args) {
        int status = run(args, new Console(System.in, System.out, System.err), System.getenv(),
                AwsAccess.SDK_DEFAULTS);
        System.out.flush();
        System.err.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The streams a run reads and writes. */
    record Console(InputStream in, PrintStream out, PrintStream err) {
    }

    /** Runs once and returns the exit status, leaving the JVM running: what {@link #main} and the tests call. */
    static int run(String[] args, Console console, Map<String, String> environment, AwsAccess awsAccess) {
        return run(args, console, environment, awsAccess, aws -> { });
    }

    /** @param setUp applied to the emulators before the handler runs (tests plant faults with it) */
    static int run(String[] args, Console console, Map<String, String> environment, AwsAccess awsAccess,
                   Consumer<EmulatedAws> setUp) {
        try {
            Options options = Options.parse(args);
            if (options.help()) {
                console.out().print(Options.helpText());
                return ExitCode.STARTED.status;
            }
            EventInput event = EventInput.read(options.file(), console.in(), options.trigger());
            // Outside Lambda the metrics library would look for a CloudWatch agent; print the metrics as Lambda does.
            EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
            ExitCode exitCode = options.aws()
                    ? againstAws(event, console, environment, awsAccess)
                    : againstEmulators(event, console, environment, setUp);
            return exitCode.status;
        } catch (LocalRunException refused) {
            console.err().println("local run: " + refused.getMessage());
            return refused.exitCode().status;
        } catch (RuntimeException | IOException unexpected) {
            console.err().println("local run: unexpected error: " + unexpected);
            unexpected.printStackTrace(console.err());
            return ExitCode.FAILED.status;
        }
    }

    private static ExitCode againstEmulators(EventInput event, Console console, Map<String, String> environment,
                                             Consumer<EmulatedAws> setUp) throws IOException {
        PrintStream report = console.out();
        LocalSettings settings = LocalSettings.of(environment);
        settings.check(event.trigger().queueTrigger);
        report.println("Running the " + event.trigger().label + " handler on " + event.source()
                + " against the local emulators.");
        if (!settings.fromEnvironment().isEmpty()) {
            report.println("Settings from the environment: " + String.join(", ", settings.fromEnvironment()) + ".");
        }
        PrintStream stdout = System.out;
        // The SQS server logs its start-up: not for the report.
        System.setOut(console.err());
        try (EmulatedAws aws = EmulatedAws.start(QUICK_START_UP)) {
            aws.events().addEventBus(settings.eventBusName());
            setUp.accept(aws);
            String watchQueue = aws.watchQueue().url();
            System.setOut(stdout);
            OutcomeTally tally = new OutcomeTally(MetricsFactory.getMetricsInstance());
            Handlers handlers = new Handlers(trigger -> aws.function(settings.settings(trigger, watchQueue)), tally);
            printOutcome(report, invoke(event, handlers, console.err()));
            printSessions(report, aws.emr().sessions(EmulatedAws.APPLICATION_ID));
            printEvents(report, aws.events().events());
            if (settings.readinessWatch()) {
                Settings watch = settings.settings(Settings.QueueTrigger.NOT_USED, watchQueue);
                new WatchFollower(aws, handlers.watch(), report, console.err(), watch.watchPolicy())
                        .followUntilEveryWatchEnds();
            } else if (tally.started() > 0) {
                report.println();
                report.println("No readiness watch: READINESS_WATCH is false.");
            }
            printResult(report, tally);
            // So does its shutting down.
            System.setOut(console.err());
            return tally.exitCode();
        } finally {
            System.setOut(stdout);
        }
    }

    private static ExitCode againstAws(EventInput event, Console console, Map<String, String> environment,
                                       AwsAccess awsAccess) throws IOException {
        PrintStream report = console.out();
        List<String> problems = new ArrayList<>(awsAccess.problems(environment));
        try {
            Settings.fromEnvironment(environment, event.trigger().queueTrigger);
        } catch (SettingsException invalid) {
            problems.add("invalid settings: " + String.join("; ", invalid.problems()));
        }
        if (!problems.isEmpty()) {
            throw LocalRunException.configuration(String.join("; ", problems));
        }
        report.println("Running the " + event.trigger().label + " handler on " + event.source()
                + " against AWS (standard credentials and region).");
        AwsClients clients = AwsClients.fromEnvironment();
        OutcomeTally tally = new OutcomeTally(MetricsFactory.getMetricsInstance());
        Handlers handlers = new Handlers(
                trigger -> FunctionComponents.assemble(Settings.fromEnvironment(environment, trigger), clients), tally);
        printOutcome(report, invoke(event, handlers, console.err()));
        report.println("Sessions and outcome events: see EMR Serverless and the event bus named by EVENT_BUS_NAME.");
        printResult(report, tally);
        return tally.exitCode();
    }

    /** Calls the handler with the function's log lines sent to {@code logs}, keeping the report readable. */
    private static Outcome invoke(EventInput event, Handlers handlers, PrintStream logs) throws IOException {
        PrintStream stdout = System.out;
        System.setOut(logs);
        try {
            Context context = LocalContext.fresh();
            Object response = switch (event.trigger()) {
                case SQS -> handlers.sqs().handleRequest(lambdaDeserialized(SQSEvent.class, event), context);
                case EVENTBRIDGE -> handlers.eventBridge()
                        .handleRequest(lambdaDeserialized(ScheduledEvent.class, event), context);
                case DIRECT -> {
                    ByteArrayOutputStream output = new ByteArrayOutputStream();
                    handlers.direct().handleRequest(new ByteArrayInputStream(event.bytes()), output, context);
                    yield JSON.readTree(output.toByteArray());
                }
            };
            return new Outcome(response, null);
        } catch (SessionRequestFailedException failure) {
            return new Outcome(null, failure);
        } finally {
            System.setOut(stdout);
        }
    }

    private static void printOutcome(PrintStream report, Outcome outcome) throws IOException {
        report.println();
        if (outcome.failure() != null) {
            report.println("The handler threw " + outcome.failure().getClass().getName() + ":");
            report.println("  " + outcome.failure().getMessage());
            return;
        }
        Object response = outcome.response();
        report.println("Handler response:");
        if (response == null) {
            report.println("  (none: the request was handled; see the outcome events)");
        } else if (response instanceof SQSBatchResponse batch) {
            List<String> retried = new ArrayList<>();
            batch.getBatchItemFailures().forEach(failure -> retried.add(failure.getItemIdentifier()));
            report.println(indent(JSON.writeValueAsString(JSON.createObjectNode()
                    .set("batchItemFailures", JSON.valueToTree(retried)))));
            report.println(retried.isEmpty()
                    ? "  (no message to deliver again: every record is done)"
                    : "  (these messages would be delivered again)");
        } else {
            report.println(indent(JSON.writeValueAsString(response)));
        }
    }

    private static void printSessions(PrintStream report, List<SessionView> sessions) {
        report.println();
        report.println("Sessions in EMR Serverless (" + sessions.size() + "):");
        for (SessionView session : sessions) {
            JsonNode name = session.parameters().get("name");
            report.println("  " + session.sessionId() + "  " + session.state() + "  name="
                    + (name == null ? "-" : name.asText()) + "  clientToken=" + session.clientToken());
        }
    }

    private static void printEvents(PrintStream report, List<RecordedEvent> events) throws IOException {
        report.println();
        report.println("Outcome events published (" + events.size() + "):");
        for (RecordedEvent event : events) {
            report.println("  " + event.detailType() + " (bus " + event.eventBusName() + ", source " + event.source()
                    + ")");
            report.println(indent(indent(JSON.writeValueAsString(event.detail()))));
        }
    }

    private static void printResult(PrintStream report, OutcomeTally tally) {
        ExitCode exitCode = tally.exitCode();
        report.println();
        report.println("Result: " + tally.requests() + (tally.requests() == 1 ? " request: " : " requests: ")
                + tally.started() + " started, " + tally.rejected() + " rejected, " + tally.retried()
                + " to retry. Exit status " + exitCode.status + " (" + exitCode.name().toLowerCase() + ").");
    }

    /**
     * The event as Lambda's own serializer reads it for the handler's type. (It is given this class's loader: under
     * Maven the system class loader does not hold the project.)
     */
    private static <T> T lambdaDeserialized(Class<T> type, EventInput event) {
        try {
            return LambdaEventSerializers.serializerFor(type, LocalRun.class.getClassLoader())
                    .fromJson(new ByteArrayInputStream(event.bytes()));
        } catch (RuntimeException unreadable) {
            Throwable cause = unreadable;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            throw LocalRunException.usage(event.source() + " is not an event Lambda could hand the "
                    + event.trigger().label + " handler: " + message);
        }
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }

    /**
     * The handlers for one run, built as Lambda's no-argument constructors build them, but from the given assembly,
     * and with the outcome tally in the request handlers' metrics.
     */
    private record Handlers(Function<Settings.QueueTrigger, FunctionComponents> function, OutcomeTally tally) {

        SqsSessionRequestHandler sqs() {
            return new SqsSessionRequestHandler(function.apply(Settings.QueueTrigger.REQUIRED),
                    new InvocationMetrics(tally));
        }

        EventBridgeSessionRequestHandler eventBridge() {
            return new EventBridgeSessionRequestHandler(function.apply(Settings.QueueTrigger.NOT_USED),
                    new InvocationMetrics(tally));
        }

        DirectSessionRequestHandler direct() {
            return new DirectSessionRequestHandler(function.apply(Settings.QueueTrigger.NOT_USED),
                    new InvocationMetrics(tally));
        }

        ReadinessCheckHandler watch() {
            return new ReadinessCheckHandler(function.apply(Settings.QueueTrigger.NOT_USED),
                    new InvocationMetrics(MetricsFactory.getMetricsInstance()));
        }
    }

    private record Outcome(Object response, SessionRequestFailedException failure) {
    }
}

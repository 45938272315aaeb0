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
import dev.emrsessionstarter.wiring.FunctionComponents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * Runs the function once, on a sample event or any event file (or standard input), the way Lambda would call the
 * handler for that trigger, and prints what happened: the handler's response, the sessions started and the outcome
 * events published.
 *
 * <p>By default it runs against the in-process EMR Serverless and EventBridge emulators, with application
 * {@value EmulatedAws#APPLICATION_ID} and role {@value EmulatedAws#ROLE_ARN} allowed: no AWS account needed. With
 * {@code --aws} it runs against AWS with the standard credentials and region, and the deployment settings
 * ({@code ALLOWED_APPLICATION_IDS}, {@code ALLOWED_EXECUTION_ROLE_ARNS}, ...) from the environment.
 *
 * <pre>
 * mvn -q test-compile exec:java@run -Dexec.args="events/sqs-batch.json"
 * mvn -q test-compile exec:java@run -Dexec.args="--aws events/step-functions-payload.json"
 * cat my-request.json | mvn -q test-compile exec:java@run -Dexec.args="--trigger direct -"
 * </pre>
 *
 * The trigger follows from the event's shape ({@code Records}: SQS; {@code detail-type}: an EventBridge rule;
 * anything else: a direct invoke), or from {@code --trigger sqs|eventbridge|direct}. The function's JSON log lines go
 * to standard error.
 */
public final class LocalRun {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Sessions start in seconds here, so a run shows the whole watch: SUBMITTED 1 s, STARTING 2 s, then IDLE. */
    static final SessionTimings QUICK_START_UP =
            new SessionTimings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1));

    private LocalRun() {
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        byte[] event = options.file().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(options.file()));
        Trigger trigger = options.trigger() != null ? options.trigger() : Trigger.of(event);
        // Outside Lambda the metrics library would look for a CloudWatch agent; print the metrics as Lambda does.
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);

        PrintStream report = System.out;
        report.println("Running the " + trigger.label + " handler on " + describe(options.file()) + " against "
                + (options.aws() ? "AWS (standard credentials and region)" : "the local emulators") + ".");
        if (options.aws()) {
            Outcome outcome = invoke(trigger, event, new Handlers(null));
            printOutcome(report, outcome);
            report.println("Sessions and outcome events: see EMR Serverless and the event bus named by EVENT_BUS_NAME.");
            return;
        }
        try (EmulatedAws aws = EmulatedAws.start(QUICK_START_UP)) {
            Handlers handlers = new Handlers(aws);
            Outcome outcome = invoke(trigger, event, handlers);
            printOutcome(report, outcome);
            printSessions(report, aws.emr().sessions(EmulatedAws.APPLICATION_ID));
            printEvents(report, aws.events().events());
            new WatchFollower(aws, handlers.watch(), report).followUntilEveryWatchEnds();
            // Shutting the SQS server down logs a line of its own: not for the report.
            System.setOut(System.err);
        } finally {
            System.setOut(report);
        }
    }

    /** Calls the handler with the function's log lines sent to standard error, keeping standard output readable. */
    private static Outcome invoke(Trigger trigger, byte[] event, Handlers handlers) throws IOException {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            Context context = LocalContext.fresh();
            Object response = switch (trigger) {
                case SQS -> handlers.sqs().handleRequest(lambdaDeserialized(SQSEvent.class, event), context);
                case EVENTBRIDGE -> handlers.eventBridge()
                        .handleRequest(lambdaDeserialized(ScheduledEvent.class, event), context);
                case DIRECT -> {
                    ByteArrayOutputStream output = new ByteArrayOutputStream();
                    handlers.direct().handleRequest(new ByteArrayInputStream(event), output, context);
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

    /**
     * The event as Lambda's own serializer reads it for the handler's type. (It is given this class's loader: under
     * Maven the system class loader does not hold the project.)
     */
    private static <T> T lambdaDeserialized(Class<T> type, byte[] event) {
        return LambdaEventSerializers.serializerFor(type, LocalRun.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(event));
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }

    private static String describe(String file) {
        return file.equals("-") ? "standard input" : file;
    }

    /** The handlers for one run: against the emulators, or built by Lambda's own no-argument constructors. */
    private record Handlers(EmulatedAws aws) {

        SqsSessionRequestHandler sqs() {
            return aws == null ? new SqsSessionRequestHandler()
                    : new SqsSessionRequestHandler(function(Settings.QueueTrigger.REQUIRED), metrics());
        }

        EventBridgeSessionRequestHandler eventBridge() {
            return aws == null ? new EventBridgeSessionRequestHandler()
                    : new EventBridgeSessionRequestHandler(function(Settings.QueueTrigger.NOT_USED), metrics());
        }

        DirectSessionRequestHandler direct() {
            return aws == null ? new DirectSessionRequestHandler()
                    : new DirectSessionRequestHandler(function(Settings.QueueTrigger.NOT_USED), metrics());
        }

        ReadinessCheckHandler watch() {
            return new ReadinessCheckHandler(function(Settings.QueueTrigger.NOT_USED), metrics());
        }

        /** With the watch on: checks every second on a real SQS queue. */
        private FunctionComponents function(Settings.QueueTrigger trigger) {
            return aws.function(aws.watchingSettings(trigger));
        }

        private static InvocationMetrics metrics() {
            return new InvocationMetrics(MetricsFactory.getMetricsInstance());
        }
    }

    private record Outcome(Object response, SessionRequestFailedException failure) {
    }

    /** Which handler an event is for. */
    enum Trigger {
        SQS("SQS"), EVENTBRIDGE("EventBridge rule"), DIRECT("direct-invoke");

        final String label;

        Trigger(String label) {
            this.label = label;
        }

        static Trigger of(byte[] event) {
            try {
                JsonNode json = JSON.readTree(new String(event, StandardCharsets.UTF_8));
                if (json != null && json.isObject() && json.path("Records").isArray()) {
                    return SQS;
                }
                if (json != null && json.isObject() && json.has("detail-type")) {
                    return EVENTBRIDGE;
                }
            } catch (IOException notJson) {
                // a direct payload that is not JSON: the function will say so
            }
            return DIRECT;
        }
    }

    /** Command-line options. */
    record Options(boolean aws, Trigger trigger, String file) {

        static Options parse(String[] args) {
            boolean aws = false;
            Trigger trigger = null;
            String file = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--aws" -> aws = true;
                    case "--trigger" -> {
                        if (i + 1 >= args.length) {
                            throw usage("--trigger needs sqs, eventbridge or direct");
                        }
                        trigger = switch (args[++i]) {
                            case "sqs" -> Trigger.SQS;
                            case "eventbridge" -> Trigger.EVENTBRIDGE;
                            case "direct" -> Trigger.DIRECT;
                            default -> throw usage("unknown trigger " + args[i]);
                        };
                    }
                    case "--help", "-h" -> throw usage(null);
                    default -> {
                        if (file != null) {
                            throw usage("one event file only");
                        }
                        file = args[i];
                    }
                }
            }
            return new Options(aws, trigger, file == null ? "events/sqs-batch.json" : file);
        }

        private static IllegalArgumentException usage(String problem) {
            return new IllegalArgumentException((problem == null ? "" : problem + "\n")
                    + "usage: LocalRun [--aws] [--trigger sqs|eventbridge|direct] [EVENT_FILE | -]");
        }
    }
}

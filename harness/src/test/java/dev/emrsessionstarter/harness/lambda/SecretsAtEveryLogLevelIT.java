package dev.emrsessionstarter.harness.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.emr.SessionTimings;
import dev.emrsessionstarter.emulator.emr.StartupOutcome;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.emulator.stepfunctions.TaskCallbackCall;
import dev.emrsessionstarter.emulator.stepfunctions.TaskCallbackOperation;
import dev.emrsessionstarter.emulator.time.ManualClock;
import dev.emrsessionstarter.entrypoint.DirectSessionRequestHandler;
import dev.emrsessionstarter.entrypoint.EventBridgeSessionRequestHandler;
import dev.emrsessionstarter.entrypoint.ReadinessCheckHandler;
import dev.emrsessionstarter.entrypoint.SqsSessionRequestHandler;
import dev.emrsessionstarter.testing.EmulatedAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every handler {@code template.yaml} names, booted by the runtime interface client at the most verbose level Lambda
 * or Powertools accepts, driven down every path (started, rejected, retried; Ready, Failed, Not Ready; task success,
 * failure and heartbeat; a GetSession error), with task tokens and configuration property values planted in the
 * requests and echoed back by EMR Serverless in a failed session's {@code stateDetails}, and the auth token
 * GetSessionEndpoint mints for a ready session. Then everything the runtime
 * processes wrote, every answer, every event and every task callback is scanned for any piece of those secrets.
 */
class SecretsAtEveryLogLevelIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SECRET_KEY_PROPERTY = "spark.hadoop.fs.s3a.secret.key";
    private static final String REQUEST_QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:requests";

    @TempDir
    Path work;

    static Stream<Arguments> verboseLevels() {
        return Stream.of(
                Arguments.of("POWERTOOLS_LOG_LEVEL=DEBUG", Map.of("POWERTOOLS_LOG_LEVEL", "DEBUG")),
                // Lambda's advanced logging controls at TRACE; the template's POWERTOOLS_LOG_LEVEL would win over
                // them, so it is raised too.
                Arguments.of("AWS_LAMBDA_LOG_LEVEL=TRACE", Map.of("AWS_LAMBDA_LOG_LEVEL", "TRACE",
                        "POWERTOOLS_LOG_LEVEL", "TRACE")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verboseLevels")
    void no_task_token_or_configuration_value_leaves_the_function_on_any_path(String name,
            Map<String, String> level) throws IOException {
        ManualClock clock = new ManualClock(Instant.now());
        try (EmulatedAws aws = EmulatedAws.start(clock, SessionTimings.defaults());
                Runtimes runtimes = new Runtimes(aws, level, LambdaArchive.extract(LambdaArchive.path(),
                        work.resolve("task")))) {
            String secretValue = "s3cr3t/" + base64(30);
            String shortSecretValue = "pw" + base64(12).replaceAll("[^A-Za-z0-9]", "x");
            SecretScan scan = new SecretScan().plant("configuration value", secretValue)
                    .plant("short configuration value", shortSecretValue);
            Map<String, String> tokens = new LinkedHashMap<>();
            for (String path : List.of("ready", "failed", "heartbeat", "notReady", "getSessionError", "rejected",
                    "rejectedDirect", "retried")) {
                tokens.put(path, aws.stepFunctions().issueTaskToken());
                scan.plant("task token (" + path + ")", tokens.get(path));
            }
            List<String> answers = new ArrayList<>();
            ObjectNode configuration = configuration(secretValue, shortSecretValue);

            // Started: a direct invoke whose session becomes ready, and one whose GetSession will be refused.
            aws.emr().startupForNextSessions(1, StartupOutcome.readyAfter(Duration.ZERO));
            answers.add(runtimes.direct().invokeSuccessfully(bytes(request(tokens.get("ready"), configuration)))
                    .text());
            aws.emr().startupForNextSessions(1, StartupOutcome.readyAfter(Duration.ZERO));
            answers.add(runtimes.direct().invokeSuccessfully(
                    bytes(request(tokens.get("getSessionError"), configuration))).text());
            // Started two hours ago by EMR Serverless's clock and never ready: Not Ready at its first check.
            clock.set(Instant.now().minus(Duration.ofHours(2)));
            aws.emr().startupForNextSessions(1, StartupOutcome.neverReady());
            answers.add(runtimes.direct().invokeSuccessfully(bytes(request(tokens.get("notReady"), configuration)))
                    .text());
            clock.set(Instant.now());
            // Started from SQS; EMR Serverless then fails it, quoting the configuration value that broke it.
            aws.emr().startupForNextSessions(1, StartupOutcome.failedAfter(Duration.ZERO,
                    "Invalid value " + secretValue + " for " + SECRET_KEY_PROPERTY + " (also " + shortSecretValue
                            + ")"));
            answers.add(runtimes.sqs().invokeSuccessfully(sqsEvent(REQUEST_QUEUE_ARN,
                    request(tokens.get("failed"), configuration))).text());
            // Started from an EventBridge rule, still starting at its check: a heartbeat.
            aws.emr().startupForNextSessions(1, StartupOutcome.neverReady());
            answers.add(runtimes.eventBridge().invokeSuccessfully(eventBridgeEvent(
                    request(tokens.get("heartbeat"), configuration))).text());

            // Rejected: a misspelt field, on SQS (the task fails) and by direct invoke (the error is the answer).
            ObjectNode misspelt = request(tokens.get("rejected"), configuration).put("idleTimeoutMinute", 5);
            answers.add(runtimes.sqs().invokeSuccessfully(sqsEvent(REQUEST_QUEUE_ARN, misspelt)).text());
            ObjectNode misspeltDirect = request(tokens.get("rejectedDirect"), configuration)
                    .put("idleTimeoutMinute", 5);
            answers.add(String.valueOf(runtimes.direct().invoke(bytes(misspeltDirect))));
            InvocationResult rejected = runtimes.direct().invoke(bytes(misspeltDirect));
            assertThat(rejected).isInstanceOf(InvocationResult.FunctionError.class);
            answers.add(((InvocationResult.FunctionError) rejected).errorMessage());

            // Retried: StartSession keeps failing with a server error.
            aws.emr().faults(EmrOperation.START_SESSION).failNext(20, CallFault.INTERNAL_ERROR);
            String retriedAnswer = runtimes.sqs().invokeSuccessfully(sqsEvent(REQUEST_QUEUE_ARN,
                    request(tokens.get("retried"), configuration))).text();
            answers.add(retriedAnswer);
            assertThat(retriedAnswer).contains("batchItemFailures").contains("itemIdentifier");
            aws.emr().faults(EmrOperation.START_SESSION).clear();

            // The watch: the five checks the started requests scheduled, as the watch queue delivers them.
            clock.advance(Duration.ofSeconds(10));
            Map<String, Message> checks = receiveChecks(aws, 5);
            Message refusedRead = checks.values().stream()
                    .filter(message -> message.body().contains(tokens.get("getSessionError"))).findFirst()
                    .orElseThrow();
            aws.emr().faults(EmrOperation.GET_SESSION).failNext(1, CallFault.ACCESS_DENIED);
            answers.add(runtimes.watch().invokeSuccessfully(watchEvent(aws, List.of(refusedRead))).text());
            List<Message> others = checks.values().stream().filter(message -> message != refusedRead).toList();
            answers.add(runtimes.watch().invokeSuccessfully(watchEvent(aws, others)).text());

            // Every path was taken.
            List<String> detailTypes = aws.events().events().stream().map(RecordedEvent::detailType).toList();
            assertThat(detailTypes).contains("EMR Serverless Session Started", "EMR Serverless Session Start Failed",
                    "EMR Serverless Session Ready", "EMR Serverless Session Failed",
                    "EMR Serverless Session Not Ready");
            assertThat(aws.events().events()).anySatisfy(event -> assertThat(event.detail().path("stateDetails")
                    .asText()).as("a Session Failed event still says what failed").contains(SECRET_KEY_PROPERTY));
            assertThat(callsFor(aws, TaskCallbackOperation.SEND_TASK_SUCCESS)).contains(tokens.get("ready"));
            assertThat(callsFor(aws, TaskCallbackOperation.SEND_TASK_FAILURE)).contains(tokens.get("failed"),
                    tokens.get("notReady"), tokens.get("getSessionError"), tokens.get("rejected"));
            assertThat(callsFor(aws, TaskCallbackOperation.SEND_TASK_HEARTBEAT)).contains(tokens.get("heartbeat"));
            runtimes.keepOutputs(Path.of("target", "secret-scan", name.replaceAll("[^A-Za-z0-9_]", "-")));
            String everything = runtimes.output();
            assertThat(everything).as("the function's own DEBUG lines: the level took effect")
                    .contains("\"level\":\"DEBUG\"");

            // GetSessionEndpoint minted an auth token for the ready session: a credential like the others.
            assertThat(aws.emr().mintedAuthTokens()).as("endpoint tokens minted").isNotEmpty();
            aws.emr().mintedAuthTokens().forEach(token -> scan.plant("endpoint auth token", token));
            assertThat(aws.events().events()).anySatisfy(event -> assertThat(event.detail().path("endpoint")
                    .asText()).as("the Ready event's endpoint").startsWith("https://"));

            // Nothing of a secret anywhere it could leave the function.
            List<String> found = new ArrayList<>();
            runtimes.outputs().forEach((handler, output) -> found.addAll(scan.findIn("the output of " + handler,
                    output)));
            for (String answer : answers) {
                found.addAll(scan.findIn("an answer", answer));
            }
            for (RecordedEvent event : aws.events().events()) {
                found.addAll(scan.findIn("event " + event.detailType(), event.toEnvelope(JSON).toString()));
            }
            for (TaskCallbackCall call : aws.stepFunctions().calls()) {
                String sent = call.output() + " " + call.error() + " " + call.cause();
                found.addAll(scan.findIn(call.operation().apiName() + " output, error or cause", sent));
            }
            assertThat(found).as("secrets found").isEmpty();
        }
    }

    private static List<String> callsFor(EmulatedAws aws, TaskCallbackOperation operation) {
        return aws.stepFunctions().calls(operation).stream().map(TaskCallbackCall::taskToken).toList();
    }

    /** Receives until {@code expected} distinct checks have come (the queue delays each by a second). */
    private static Map<String, Message> receiveChecks(EmulatedAws aws, int expected) {
        Map<String, Message> checks = new LinkedHashMap<>();
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (checks.size() < expected && System.nanoTime() < giveUp) {
            for (Message message : aws.watchQueue().client().receiveMessage(request -> request
                    .queueUrl(aws.watchQueue().url()).maxNumberOfMessages(10).waitTimeSeconds(2)
                    .visibilityTimeout(60).messageSystemAttributeNamesWithStrings("All")).messages()) {
                checks.putIfAbsent(message.messageId(), message);
            }
        }
        assertThat(checks).as("checks on the watch queue").hasSize(expected);
        return checks;
    }

    private static byte[] watchEvent(EmulatedAws aws, List<Message> messages) throws IOException {
        ArrayNode records = JSON.createArrayNode();
        for (Message message : messages) {
            records.add(record(message.messageId(), message.body(), aws.watchQueue().arn(),
                    message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")));
        }
        return JSON.writeValueAsBytes(JSON.createObjectNode().set("Records", records));
    }

    private static byte[] sqsEvent(String queueArn, ObjectNode request) throws IOException {
        ArrayNode records = JSON.createArrayNode()
                .add(record(UUID.randomUUID().toString(), request.toString(), queueArn, "1"));
        return JSON.writeValueAsBytes(JSON.createObjectNode().set("Records", records));
    }

    private static ObjectNode record(String messageId, String body, String queueArn, String receiveCount) {
        ObjectNode record = JSON.createObjectNode().put("messageId", messageId)
                .put("receiptHandle", "handle-" + messageId).put("body", body);
        record.putObject("attributes").put("ApproximateReceiveCount", receiveCount)
                .put("SentTimestamp", Long.toString(System.currentTimeMillis()))
                .put("SenderId", "AROAEXAMPLE:producer")
                .put("ApproximateFirstReceiveTimestamp", Long.toString(System.currentTimeMillis()));
        record.putObject("messageAttributes");
        return record.put("md5OfBody", "00000000000000000000000000000000").put("eventSource", "aws:sqs")
                .put("eventSourceARN", queueArn).put("awsRegion", "us-east-1");
    }

    private static byte[] eventBridgeEvent(ObjectNode request) throws IOException {
        ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", "EMR Serverless Session Request").put("source", "producer")
                .put("account", "123456789012").put("time", "2026-12-08T00:00:00Z").put("region", "us-east-1");
        event.putArray("resources");
        event.set("detail", request);
        return JSON.writeValueAsBytes(event);
    }

    private static ObjectNode request(String taskToken, ObjectNode configuration) {
        ObjectNode request = JSON.createObjectNode().put("applicationId", EmulatedAws.APPLICATION_ID)
                .put("executionRoleArn", EmulatedAws.ROLE_ARN).put("idempotencyKey", UUID.randomUUID().toString())
                .put("taskToken", taskToken);
        request.set("configurationOverrides", configuration);
        return request;
    }

    private static ObjectNode configuration(String secretValue, String shortSecretValue) {
        ObjectNode overrides = JSON.createObjectNode();
        ObjectNode sparkDefaults = overrides.putArray("runtimeConfiguration").addObject()
                .put("classification", "spark-defaults");
        sparkDefaults.putObject("properties").put(SECRET_KEY_PROPERTY, secretValue)
                .put("spark.hadoop.fs.s3a.session.token", shortSecretValue).put("spark.executor.memory", "4g");
        return overrides;
    }

    private static byte[] bytes(JsonNode json) throws IOException {
        return JSON.writeValueAsBytes(json);
    }

    private static String base64(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    /** One runtime process per handler of the template, each at the given level, checks due after a second. */
    private static final class Runtimes implements AutoCloseable {
        private final Map<String, ExecutionEnvironment> byHandler = new LinkedHashMap<>();

        Runtimes(EmulatedAws aws, Map<String, String> level, Path taskRoot) {
            SamTemplate template = SamTemplate.load(Path.of("template.yaml"), Map.of(
                    "AllowedApplicationIds", EmulatedAws.APPLICATION_ID,
                    "AllowedExecutionRoleArns", EmulatedAws.ROLE_ARN,
                    "WatchQueue", aws.watchQueue().url()));
            for (LambdaFunction function : template.functions()) {
                byHandler.put(function.handlerClass(), ExecutionEnvironment.start(function, taskRoot, builder -> {
                    builder.endpoints(aws.endpoints()).environment("READINESS_FIRST_CHECK_SECONDS", "1")
                            .environment("READINESS_MAX_CHECK_SECONDS", "1");
                    level.forEach(builder::environment);
                }));
            }
        }

        ExecutionEnvironment direct() {
            return byHandler.get(DirectSessionRequestHandler.class.getName());
        }

        ExecutionEnvironment sqs() {
            return byHandler.get(SqsSessionRequestHandler.class.getName());
        }

        ExecutionEnvironment eventBridge() {
            return byHandler.get(EventBridgeSessionRequestHandler.class.getName());
        }

        ExecutionEnvironment watch() {
            return byHandler.get(ReadinessCheckHandler.class.getName());
        }

        Map<String, String> outputs() {
            Map<String, String> outputs = new LinkedHashMap<>();
            byHandler.forEach((handler, runtime) -> outputs.put(handler, runtime.process().output()));
            return outputs;
        }

        /** Keeps what each process wrote, for a look after a failure (the task roots are temporary). */
        void keepOutputs(Path directory) throws IOException {
            Files.createDirectories(directory);
            for (Map.Entry<String, String> output : outputs().entrySet()) {
                String handler = output.getKey().substring(output.getKey().lastIndexOf('.') + 1);
                Files.writeString(directory.resolve(handler + ".log"), output.getValue());
            }
        }

        String output() {
            return String.join("\n", outputs().values());
        }

        @Override
        public void close() {
            byHandler.values().forEach(ExecutionEnvironment::close);
        }
    }
}

package dev.emrsessionstarter.harness.lambda;

import dev.emrsessionstarter.entrypoint.ReadinessCheckHandler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.entrypoint.DirectSessionRequestHandler;
import dev.emrsessionstarter.entrypoint.EventBridgeSessionRequestHandler;
import dev.emrsessionstarter.entrypoint.InvalidSessionRequestException;
import dev.emrsessionstarter.entrypoint.InvocationMetrics;
import dev.emrsessionstarter.entrypoint.SessionStartRejectedException;
import dev.emrsessionstarter.entrypoint.SqsSessionRequestHandler;
import dev.emrsessionstarter.testing.EmulatedAws;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.wiring.FunctionComponents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The packaged archive ({@code function/target/emr-session-starter.zip}) booted by the real Lambda runtime interface
 * client in its own JVM, as the managed {@code java21} runtime boots it, against a local Runtime API and the emulators: every
 * handler {@code template.yaml} names answers every sample event of its trigger exactly as the same handler called in
 * this JVM does. Client tokens are deterministic and the emulator is idempotent, so both calls see the same session.
 * One runtime process per function serves all its events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaRuntimeIT {

    private static final Path EVENTS = Path.of("events");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIRECT_HANDLER = DirectSessionRequestHandler.class.getName();
    private static final String LOG4J_PLUGIN_INDEX =
            "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";

    @TempDir
    static Path work;

    private EmulatedAws aws;
    private SamTemplate template;
    private Path taskRoot;
    private final Map<String, ExecutionEnvironment> runtimes = new LinkedHashMap<>();

    @BeforeAll
    void start() {
        aws = EmulatedAws.start();
        template = SamTemplate.load(Path.of("template.yaml"), Map.of(
                "AllowedApplicationIds", EmulatedAws.APPLICATION_ID,
                "AllowedExecutionRoleArns", EmulatedAws.ROLE_ARN,
                "WatchQueue", aws.watchQueue().url()));
        taskRoot = LambdaArchive.extract(LambdaArchive.path(), work.resolve("task"));
    }

    @AfterAll
    void stop() {
        runtimes.values().forEach(ExecutionEnvironment::close);
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void the_archive_holds_the_function_and_its_dependencies_but_no_runtime_or_test_code() throws IOException {
        assertThat(taskRoot.resolve("dev/emrsessionstarter/entrypoint/SqsSessionRequestHandler.class")).exists();
        assertThat(taskRoot.resolve("log4j2.properties")).exists();
        try (Stream<Path> all = Files.walk(taskRoot)) {
            List<String> names = all.map(path -> taskRoot.relativize(path).toString().replace('\\', '/')).toList();
            assertThat(names).anyMatch(name -> name.matches("lib/eventbridge-.*\\.jar"));
            assertThat(names).noneMatch(name -> name.startsWith("dev/emrsessionstarter/local/"));
            assertThat(names).noneMatch(name -> name.endsWith("Test.class") || name.endsWith("IT.class"));
            assertThat(names).noneMatch(name -> name.contains("runtime-interface-client"));
            assertThat(names).noneMatch(name -> name.startsWith("lib/") && name.indexOf('/', 4) > 0);
        }
    }

    /**
     * Log4j reads the plugin index of every jar on the class path: the archive's jars carry none, and the one index at
     * its root lists only the plugins the function configures (see function/src/build/Log4jPluginIndex.java).
     */
    @Test
    void the_only_log4j_plugin_index_in_the_archive_is_the_functions_own() throws IOException {
        assertThat(taskRoot.resolve(LOG4J_PLUGIN_INDEX)).exists();
        try (Stream<Path> jars = Files.list(taskRoot.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    assertThat(zip.getEntry(LOG4J_PLUGIN_INDEX)).as("plugin index in %s", jar.getFileName()).isNull();
                }
            }
        }
    }

    /**
     * With that index, Log4j configures the function without a complaint (a missing plugin would print "Unable to
     * locate plugin" or the like): everything the runtime prints, for a started session and for a rejected request
     * alike, is a JSON log line with the Lambda context or a metrics document, but for the JVM's own notice of
     * JAVA_TOOL_OPTIONS.
     */
    @Test
    void everything_the_function_prints_is_a_json_line_from_its_log_layout_or_its_metrics() throws IOException {
        LambdaFunction sqs = template.functions().stream()
                .filter(function -> Trigger.handledBy(function.handlerClass()) == Trigger.SQS)
                .findFirst().orElseThrow();
        byte[] batch = Files.readAllBytes(EVENTS.resolve("sqs-batch.json"));
        ObjectNode notJson = (ObjectNode) JSON.readTree(batch);
        ((ObjectNode) notJson.withArray("Records").get(0)).put("messageId", UUID.randomUUID().toString())
                .put("body", "not JSON");
        try (ExecutionEnvironment runtime = ExecutionEnvironment.start(sqs, taskRoot,
                builder -> builder.endpoints(aws.endpoints()))) {
            runtime.invokeSuccessfully(batch);
            runtime.invokeSuccessfully(JSON.writeValueAsBytes(notJson));

            List<String> lines = runtime.process().output().lines()
                    .filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS")).toList();
            for (String line : lines) {
                assertThat(line).as("a line of the runtime's output").startsWith("{");
                JsonNode json = JSON.readTree(line);
                assertThat(json.has("_aws") || json.has("function_request_id") && json.has("level"))
                        .as("a metrics document or a log line with the Lambda context: %s", line).isTrue();
            }
            assertThat(lines).anyMatch(line -> line.contains("\"level\":\"INFO\""))
                    .anyMatch(line -> line.contains("\"level\":\"WARN\""));
        }
    }

    @TestFactory
    Stream<DynamicNode> everySampleEventIsAnsweredAsByTheHandlerInProcess() throws IOException {
        List<DynamicNode> functions = new ArrayList<>();
        for (LambdaFunction function : template.functions()) {
            Trigger trigger = Trigger.handledBy(function.handlerClass());
            List<DynamicNode> events = new ArrayList<>();
            for (Path event : samples(trigger)) {
                events.add(dynamicTest(event.getFileName().toString(),
                        () -> assertSameAnswer(function, trigger, Files.readAllBytes(event), event)));
            }
            assertThat(events).as("sample events for %s", function.logicalId()).isNotEmpty();
            functions.add(dynamicContainer(function.logicalId(), events));
        }
        return functions.stream();
    }

    @Test
    void a_rejected_direct_invoke_comes_back_as_an_error_naming_the_exception_class() throws IOException {
        LambdaFunction direct = functionWithHandler(DIRECT_HANDLER);
        byte[] notARequest = Files.readAllBytes(EVENTS.resolve("sqs-batch.json"));

        InvocationResult result = runtime(direct).invoke(UUID.randomUUID().toString(), notARequest);

        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
        InvocationResult.FunctionError error = (InvocationResult.FunctionError) result;
        assertThat(error.errorType()).isEqualTo(InvalidSessionRequestException.class.getName());
        assertThat(error.errorMessage()).contains("\"Records\": is not a known field");
        assertThatThrownBy(() -> invokeInProcess(direct, Trigger.DIRECT, notARequest, null, "r"))
                .isInstanceOf(InvalidSessionRequestException.class);
    }

    @Test
    void a_start_session_refused_for_good_comes_back_as_the_rejection_error_type() throws IOException {
        LambdaFunction direct = functionWithHandler(DIRECT_HANDLER);
        byte[] request = ("{\"applicationId\":\"" + EmulatedAws.APPLICATION_ID + "\",\"executionRoleArn\":\""
                + EmulatedAws.ROLE_ARN + "\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        aws.emr().faults(EmrOperation.START_SESSION).failNext(1, CallFault.ACCESS_DENIED);

        InvocationResult result = runtime(direct).invoke(UUID.randomUUID().toString(), request);

        assertThat(result).isInstanceOf(InvocationResult.FunctionError.class);
        assertThat(((InvocationResult.FunctionError) result).errorType())
                .isEqualTo(SessionStartRejectedException.class.getName());
        aws.emr().faults(EmrOperation.START_SESSION).failNext(1, CallFault.ACCESS_DENIED);
        assertThatThrownBy(() -> invokeInProcess(direct, Trigger.DIRECT, request, null, "r"))
                .isExactlyInstanceOf(SessionStartRejectedException.class);
    }

    /**
     * Launched as SnapStart launches it ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}), the runtime runs the CRaC
     * {@code beforeCheckpoint} hooks after init: each handler's no-argument constructor registered the priming hook,
     * which runs without any call reaching the emulators, and the function then answers as usual.
     */
    @TestFactory
    Stream<DynamicNode> eachHandlerPrimesForSnapStartWithoutCallingAws() {
        return template.functions().stream().map(function -> dynamicTest(function.logicalId(), () -> {
            Trigger trigger = Trigger.handledBy(function.handlerClass());
            byte[] sample = Files.readAllBytes(samples(trigger).get(0));
            int callsBefore = awsCalls();
            try (ExecutionEnvironment runtime = ExecutionEnvironment.start(function, taskRoot, builder -> builder
                    .endpoints(aws.endpoints()).initializationType("snap-start"))) {
                runtime.awaitRestore();

                assertThat(awsCalls()).as("StartSession and PutEvents calls while priming").isEqualTo(callsBefore);
                assertThat(runtime.process().output()).contains("Primed for SnapStart");
                assertThat(runtime.invoke(sample)).isInstanceOf(InvocationResult.Response.class);
            }
        }));
    }

    /**
     * In a real runtime process, the first invocation of an execution environment logs as the cold start and emits the
     * {@code ColdStart} metric; the next one does neither. Every invocation emits its outcome metrics.
     */
    @Test
    void the_first_invocation_of_an_environment_is_its_cold_start() {
        LambdaFunction direct = functionWithHandler(DIRECT_HANDLER);
        try (ExecutionEnvironment runtime = ExecutionEnvironment.start(direct, taskRoot,
                builder -> builder.endpoints(aws.endpoints()))) {
            runtime.invokeSuccessfully(directRequest());
            String afterFirst = runtime.process().output();
            runtime.invokeSuccessfully(directRequest());
            String afterSecond = runtime.process().output().substring(afterFirst.length());

            assertThat(occurrences(afterFirst, "\"ColdStart\":1.0")).isEqualTo(1);
            assertThat(afterFirst).contains("\"cold_start\":true").contains("\"SessionsStarted\":1.0");
            assertThat(afterSecond).doesNotContain("\"ColdStart\"").doesNotContain("\"cold_start\":true")
                    .contains("\"cold_start\":false").contains("\"SessionsStarted\":1.0");
        }
    }

    private static byte[] directRequest() {
        return ("{\"applicationId\":\"" + EmulatedAws.APPLICATION_ID + "\",\"executionRoleArn\":\""
                + EmulatedAws.ROLE_ARN + "\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private int awsCalls() {
        return aws.emr().requestCount(EmrOperation.START_SESSION) + aws.emr().requestCount(EmrOperation.GET_SESSION)
                + aws.events().putEventsCalls();
    }

    private void assertSameAnswer(LambdaFunction function, Trigger trigger, byte[] event, Path file)
            throws IOException {
        String requestId = UUID.randomUUID().toString();
        InvocationResult viaRuntime = runtime(function).invoke(requestId, event);
        assertThat(viaRuntime).as("answer of %s", file).isInstanceOf(InvocationResult.Response.class);
        int sessionsAfterRuntime = aws.emr().sessionsCreated();

        String inProcess = invokeInProcess(function, trigger, event, file, requestId);

        assertThat(JSON.readTree(((InvocationResult.Response) viaRuntime).body()))
                .isEqualTo(JSON.readTree(inProcess));
        assertThat(aws.emr().sessionsCreated()).as("sessions started by the in-process call")
                .isEqualTo(sessionsAfterRuntime);
    }

    /** The handler called in this JVM, its answer serialized as the runtime serializes it. */
    private String invokeInProcess(LambdaFunction function, Trigger trigger, byte[] event, Path file,
            String requestId) throws IOException {
        Settings settings = Settings.fromEnvironment(function.environment(), trigger == Trigger.SQS
                ? Settings.QueueTrigger.REQUIRED : Settings.QueueTrigger.NOT_USED);
        FunctionComponents components = FunctionComponents.assemble(settings, aws.clients());
        LocalContext context = new LocalContext(requestId, Duration.ofSeconds(function.timeoutSeconds()));
        switch (trigger) {
            case SQS -> {
                SQSBatchResponse response = new SqsSessionRequestHandler(components, InvocationMetrics.powertools())
                        .handleRequest(EventLoader.loadSQSEvent(file.toString()), context);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                LambdaEventSerializers.serializerFor(SQSBatchResponse.class, getClass().getClassLoader())
                        .toJson(response, out);
                return out.toString(StandardCharsets.UTF_8);
            }
            case EVENTBRIDGE -> {
                Void nothing = new EventBridgeSessionRequestHandler(components, InvocationMetrics.powertools())
                        .handleRequest(EventLoader.loadScheduledEvent(file.toString()), context);
                return String.valueOf(nothing);
            }
            case WATCH -> {
                SQSBatchResponse response = new ReadinessCheckHandler(components, InvocationMetrics.powertools())
                        .handleRequest(EventLoader.loadSQSEvent(file.toString()), context);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                LambdaEventSerializers.serializerFor(SQSBatchResponse.class, getClass().getClassLoader())
                        .toJson(response, out);
                return out.toString(StandardCharsets.UTF_8);
            }
            default -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                new DirectSessionRequestHandler(components, InvocationMetrics.powertools())
                        .handleRequest(new ByteArrayInputStream(event), out, context);
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private LambdaFunction functionWithHandler(String handlerClass) {
        return template.functions().stream().filter(function -> function.handlerClass().equals(handlerClass))
                .findFirst().orElseThrow();
    }

    /** The function's execution environment, started on first use and serving all its events. */
    private ExecutionEnvironment runtime(LambdaFunction function) {
        return runtimes.computeIfAbsent(function.logicalId(), id -> ExecutionEnvironment.start(function, taskRoot,
                builder -> builder.endpoints(aws.endpoints())));
    }

    /** The sample inputs of a trigger (events/ holds only inputs). */
    private static List<Path> samples(Trigger trigger) throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            List<Path> all = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
            List<Path> matching = new ArrayList<>();
            for (Path file : all) {
                if (Trigger.of(JSON.readTree(file.toFile())) == trigger) {
                    matching.add(file);
                }
            }
            return matching;
        }
    }

    private enum Trigger {
        SQS, EVENTBRIDGE, DIRECT, WATCH;

        static Trigger handledBy(String handlerClass) {
            if (handlerClass.equals(ReadinessCheckHandler.class.getName())) {
                return WATCH;
            }
            if (handlerClass.equals(SqsSessionRequestHandler.class.getName())) {
                return SQS;
            }
            if (handlerClass.equals(EventBridgeSessionRequestHandler.class.getName())) {
                return EVENTBRIDGE;
            }
            if (handlerClass.equals(DIRECT_HANDLER)) {
                return DIRECT;
            }
            throw new AssertionError("template.yaml names a handler this test does not know: " + handlerClass);
        }

        /** The watch queue's events come from a queue the template names WatchQueue. */
        static Trigger of(JsonNode event) {
            if (event.has("Records")) {
                return event.path("Records").path(0).path("eventSourceARN").asText().contains("WatchQueue")
                        ? WATCH : SQS;
            }
            return event.has("detail-type") ? EVENTBRIDGE : DIRECT;
        }
    }
}

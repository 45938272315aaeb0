package dev.emrsessionstarter.harness.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emrsessionstarter.emulator.emr.Application;
import dev.emrsessionstarter.harness.benchmark.baseline.BaselineHandler;
import dev.emrsessionstarter.harness.benchmark.peer.PowertoolsPeerHandler;
import dev.emrsessionstarter.harness.lambda.ExecutionEnvironment;
import dev.emrsessionstarter.harness.lambda.InvocationResult;
import dev.emrsessionstarter.harness.lambda.LambdaFunction;
import dev.emrsessionstarter.harness.lambda.RuntimeProcess;
import dev.emrsessionstarter.harness.lambda.SamTemplate;
import dev.emrsessionstarter.testing.EmulatedAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every benchmark stands on: the emulators (in this JVM), the SQS function as {@code template.yaml} configures it,
 * the Powertools peer and the baseline as the same function with their own handlers, and their task roots.
 */
final class BenchmarkEnvironment implements AutoCloseable {

    /** A measured subject: a function configuration and the task root it boots from. */
    record Subject(String name, LambdaFunction function, Path taskRoot) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final EmulatedAws aws;
    final Subject function;
    final Subject peer;
    final Subject baseline;
    final Path work;

    private BenchmarkEnvironment(EmulatedAws aws, Subject function, Subject peer, Subject baseline, Path work) {
        this.aws = aws;
        this.function = function;
        this.peer = peer;
        this.baseline = baseline;
        this.work = work;
    }

    static final String SQS_FUNCTION = "SqsSessionRequestFunction";

    /**
     * {@code template.yaml} with the emulators' application and role allowed, and the readiness watch off: these
     * figures measure the start of a session, as the baseline does.
     */
    static SamTemplate template() {
        return template(false, "https://sqs.us-east-1.amazonaws.com/123456789012/watch");
    }

    static SamTemplate template(boolean readinessWatch, String watchQueueUrl) {
        return SamTemplate.load(Path.of("template.yaml"), Map.of(
                "AllowedApplicationIds", EmulatedAws.APPLICATION_ID,
                "AllowedExecutionRoleArns", EmulatedAws.ROLE_ARN,
                "ReadinessWatch", Boolean.toString(readinessWatch),
                "WatchQueue", watchQueueUrl));
    }

    static BenchmarkEnvironment start(Path work) {
        TaskRoots roots = TaskRoots.create(work);
        LambdaFunction sqs = template().function(SQS_FUNCTION);
        EmulatedAws aws = EmulatedAws.start();
        // Thousands of sessions stay open over a run: lift the emulator's per-application quota.
        aws.emr().addApplication(Application.builder().id(EmulatedAws.APPLICATION_ID).name("sessions")
                .maxConcurrentSessions(Integer.MAX_VALUE).build());
        return new BenchmarkEnvironment(aws,
                new Subject("function", sqs, roots.function),
                new Subject("peer", sqs.withHandler(PowertoolsPeerHandler.class.getName() + "::handleRequest"),
                        roots.peer),
                new Subject("baseline", sqs.withHandler(BaselineHandler.class.getName() + "::handleRequest"),
                        roots.baseline),
                work);
    }

    /** A runtime process of the subject, its AWS endpoints replaced by the emulators'. */
    ExecutionEnvironment start(Subject subject, Consumer<RuntimeProcess.Builder> settings) {
        return ExecutionEnvironment.start(subject.function(), subject.taskRoot(), builder -> {
            builder.endpoints(aws.endpoints());
            settings.accept(builder);
        });
    }

    /** Invokes with an SQS batch and checks that every message was handled (no batch item failures). */
    static InvocationResult.Response handleBatch(ExecutionEnvironment environment, int messages) {
        return handle(environment, SqsBatches.of(messages));
    }

    /** Invokes with an SQS event and checks that every message was handled (no batch item failures). */
    static InvocationResult.Response handle(ExecutionEnvironment environment, byte[] event) {
        InvocationResult.Response response = environment.invokeSuccessfully(event);
        try {
            if (JSON.readTree(response.body()).path("batchItemFailures").size() != 0) {
                throw new IllegalStateException("messages failed: " + response.text() + "\n"
                        + environment.process().output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response;
    }

    @Override
    public void close() {
        aws.close();
    }
}

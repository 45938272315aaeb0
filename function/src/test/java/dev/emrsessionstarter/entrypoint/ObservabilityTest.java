package dev.emrsessionstarter.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.emulator.emr.EmrOperation;
import dev.emrsessionstarter.emulator.fault.CallFault;
import dev.emrsessionstarter.testing.CapturedOutput;
import dev.emrsessionstarter.testing.FunctionFixture;
import dev.emrsessionstarter.testing.LocalContext;
import dev.emrsessionstarter.testing.Requests;
import dev.emrsessionstarter.testing.SqsEvents;
import dev.emrsessionstarter.testing.TestSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What operators see: JSON log lines that name their request, and EMF metrics CloudWatch can alarm on. */
class ObservabilityTest {

    /** One StartSession at a time, so that the call numbers the faults name are the batch's order. */
    private final FunctionFixture function = FunctionFixture.start(TestSettings.sample()
            .with(Settings.START_SESSION_CONCURRENCY, "1"));

    @AfterEach
    void stop() {
        function.close();
    }

    @Test
    void every_log_line_names_its_request_trigger_and_correlation_id() {
        CapturedOutput output = handleMixedBatch();

        List<JsonNode> lines = output.logLines();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.path("requestIdentity").asText()).as(line.toString()).isNotBlank();
            assertThat(line.path("trigger").asText()).isEqualTo("sqs");
            assertThat(line.path("correlation_id").asText()).isNotBlank();
            assertThat(line.path("function_request_id").asText()).isEqualTo("invocation-1");
            assertThat(line.path("function_name").asText()).isEqualTo(LocalContext.FUNCTION_NAME);
            assertThat(line.path("service").asText()).isEqualTo("emr-session-starter");
            assertThat(line.path("level").asText()).isNotBlank();
            assertThat(line.path("timestamp").asText()).isNotBlank();
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("message").asText()).startsWith("Session started");
            assertThat(line.path("requestIdentity").asText()).isEqualTo("started");
            assertThat(line.path("correlation_id").asText()).isEqualTo("ticket-42");
            assertThat(line.path("clientToken").asText()).startsWith("ess1-");
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("message").asText()).startsWith("Request rejected");
            assertThat(line.path("requestIdentity").asText()).isEqualTo("rejected");
        });
    }

    @Test
    void lines_written_on_the_batch_worker_threads_carry_the_same_fields() {
        FunctionFixture concurrent = FunctionFixture.start();
        try {
            List<com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage> messages = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                messages.add(SqsEvents.message("m-" + i, Requests.valid().toString()));
            }
            CapturedOutput output = CapturedOutput.whileRunning(() -> concurrent.sqsHandler().handleRequest(
                    SqsEvents.batch(messages), new LocalContext("invocation-2", Duration.ofSeconds(60))));

            List<JsonNode> started = output.logLines().stream()
                    .filter(line -> line.path("message").asText().startsWith("Session started")).toList();
            assertThat(started).hasSize(10).allSatisfy(line -> {
                assertThat(line.path("function_request_id").asText()).isEqualTo("invocation-2");
                assertThat(line.path("requestIdentity").asText()).startsWith("m-");
                assertThat(line.path("correlation_id").asText()).isEqualTo(line.path("requestIdentity").asText());
                assertThat(line.path("trigger").asText()).isEqualTo("sqs");
            });
            assertThat(started).extracting(line -> line.path("requestIdentity").asText()).doesNotHaveDuplicates();
        } finally {
            concurrent.close();
        }
    }

    @Test
    void metrics_count_outcomes_retries_errors_and_latency() {
        CapturedOutput output = handleMixedBatch();

        List<JsonNode> metricLines = output.metricLines();
        JsonNode invocation = metricLines.stream().filter(line -> line.has("SessionsStarted")).findFirst()
                .orElseThrow(() -> new AssertionError("no invocation metrics in " + output.text()));
        JsonNode directive = invocation.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").textValue()).isEqualTo("EmrSessionStarter");
        assertThat(names(directive.get("Metrics"))).contains("RequestsReceived", "SessionsStarted",
                "RequestsRejected", "RequestsRetried", "RequestsFailed", "StartSessionRetries", "StartSessionLatency",
                "OutcomeEventsFailed");
        assertThat(directive.get("Dimensions").get(0)).extracting(JsonNode::textValue).contains("Service");
        assertThat(invocation.get("Service").textValue()).isEqualTo("emr-session-starter");
        assertThat(invocation.get("RequestsReceived").asInt()).isEqualTo(3);
        assertThat(invocation.get("SessionsStarted").asInt()).isEqualTo(1);
        assertThat(invocation.get("RequestsRejected").asInt()).isEqualTo(1);
        assertThat(invocation.get("RequestsRetried").asInt()).isEqualTo(1);
        assertThat(invocation.get("StartSessionRetries").asInt()).isEqualTo(2);

        JsonNode errors = metricLines.stream().filter(line -> line.has("StartSessionErrors")).findFirst()
                .orElseThrow(() -> new AssertionError("no StartSessionErrors metric"));
        assertThat(errors.get("ErrorCode").textValue()).isEqualTo("ThrottlingException");
        assertThat(errors.get("StartSessionErrors").asInt()).isEqualTo(3);
        assertThat(errors.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions")).singleElement()
                .satisfies(set -> assertThat(set).extracting(JsonNode::textValue)
                        .containsExactlyInAnyOrder("ErrorCode", "Service"));
    }

    /** One request started, one rejected, one throttled on every attempt. */
    private CapturedOutput handleMixedBatch() {
        function.aws().emr().faults(EmrOperation.START_SESSION).failCalls(CallFault.THROTTLING, 1, 2, 3);
        return CapturedOutput.whileRunning(() -> function.sqsHandler().handleRequest(SqsEvents.batch(
                SqsEvents.message("throttled", Requests.valid().put("name", "first").toString()),
                SqsEvents.message("started", Requests.valid().put("correlationId", "ticket-42").toString()),
                SqsEvents.message("rejected", Requests.invalid().toString())),
                new LocalContext("invocation-1", Duration.ofSeconds(60))));
    }

    private static List<String> names(JsonNode metrics) {
        List<String> names = new ArrayList<>();
        StreamSupport.stream(metrics.spliterator(), false).forEach(metric -> names.add(metric.get("Name").textValue()));
        return names;
    }
}

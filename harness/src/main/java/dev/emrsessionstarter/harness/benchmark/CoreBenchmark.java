package dev.emrsessionstarter.harness.benchmark;

import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.reading.ClientTokens;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.core.reading.JsonBodies;
import dev.emrsessionstarter.core.reading.ReadRequest;
import dev.emrsessionstarter.core.reading.RequestIdentity;
import dev.emrsessionstarter.core.reading.RequestReader;
import dev.emrsessionstarter.core.reading.RequestValidator;
import dev.emrsessionstarter.core.reading.Trigger;
import dev.emrsessionstarter.testing.EmulatedAws;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH microbenchmarks of the pure core, per request: reading an SQS message body (JSON parsing, validation of every
 * field and the allowlists, identity, client token), an invalid one (all violations collected), and the client token
 * alone. Run with {@code mvn -q -DskipTests test-compile exec:exec@jmh} (JMH options: {@code -Djmh.args="..."}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoreBenchmark {

    private static final String VALID = "{\"applicationId\":\"00fkabc123xyz\","
            + "\"executionRoleArn\":\"arn:aws:iam::123456789012:role/EmrSessionRole\",\"name\":\"nightly-exploration\","
            + "\"idleTimeoutMinutes\":60,\"configurationOverrides\":{\"runtimeConfiguration\":[{\"classification\":"
            + "\"spark-defaults\",\"properties\":{\"spark.executor.memory\":\"4g\",\"spark.executor.cores\":\"2\"}}]},"
            + "\"tags\":{\"team\":\"analytics\"},\"correlationId\":\"ticket-DATA-1234\"}";
    private static final String INVALID = "{\"applicationId\":\"00FK-ABC123!\",\"executionRoleArn\":\"not-an-arn\","
            + "\"idleTimeoutMinute\":60,\"tags\":{\"team#1\":\"x\"}}";

    private RequestReader reader;
    private Delivery valid;
    private Delivery invalid;

    @Setup
    public void setUp() {
        Settings settings = EmulatedAws.settings(Settings.QueueTrigger.REQUIRED);
        reader = new RequestReader(new JsonBodies(settings.maxRequestBytes()),
                new RequestValidator(settings.requestPolicy()));
        valid = sqs("059f36b4-87a3-44ab-83d2-661975830a7d", VALID);
        invalid = sqs("2e1424d4-f796-459a-8184-9c92662be6da", INVALID);
    }

    @Benchmark
    public ReadRequest readValidRequest() {
        return reader.read(valid);
    }

    @Benchmark
    public ReadRequest readInvalidRequest() {
        return reader.read(invalid);
    }

    @Benchmark
    public String deriveClientToken() {
        return ClientTokens.derive(new RequestIdentity("059f36b4-87a3-44ab-83d2-661975830a7d",
                RequestIdentity.Source.SQS_MESSAGE_ID), "00fkabc123xyz");
    }

    private static Delivery sqs(String messageId, String body) {
        return new Delivery(Trigger.SQS, messageId, RequestIdentity.Source.SQS_MESSAGE_ID, null, 1, false,
                new Delivery.Text(body));
    }
}

package dev.emrsessionstarter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.entrypoint.DirectSessionRequestHandler;
import dev.emrsessionstarter.entrypoint.EventBridgeSessionRequestHandler;
import dev.emrsessionstarter.entrypoint.FunctionComponents;
import dev.emrsessionstarter.entrypoint.InvocationMetrics;
import dev.emrsessionstarter.entrypoint.SqsSessionRequestHandler;
import dev.emrsessionstarter.local.EmulatedAws;
import dev.emrsessionstarter.local.emulator.eventbridge.RecordedEvent;
import java.util.List;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * The function's handlers wired to fresh emulators, as a test uses them: real SDK clients over HTTP, real Powertools,
 * retry delays cut to milliseconds.
 */
public final class FunctionFixture implements AutoCloseable {

    private final EmulatedAws aws;
    private final Settings settings;

    private FunctionFixture(EmulatedAws aws, Settings settings) {
        this.aws = aws;
        this.settings = settings;
    }

    public static FunctionFixture start() {
        return start(TestSettings.sample());
    }

    public static FunctionFixture start(TestSettings settings) {
        return new FunctionFixture(EmulatedAws.start(), settings.with(Settings.EVENT_BUS_NAME, "default").build());
    }

    public EmulatedAws aws() {
        return aws;
    }

    public Settings settings() {
        return settings;
    }

    public FunctionComponents components() {
        return aws.fastRetryingFunction(settings);
    }

    public SqsSessionRequestHandler sqsHandler() {
        return new SqsSessionRequestHandler(components(), metrics());
    }

    public EventBridgeSessionRequestHandler eventBridgeHandler() {
        return new EventBridgeSessionRequestHandler(components(), metrics());
    }

    public DirectSessionRequestHandler directHandler() {
        return new DirectSessionRequestHandler(components(), metrics());
    }

    public List<RecordedEvent> outcomeEvents() {
        return aws.events().events();
    }

    /** The outcome events' details, in publication order. */
    public List<JsonNode> outcomeDetails() {
        return outcomeEvents().stream().map(RecordedEvent::detail).toList();
    }

    private static InvocationMetrics metrics() {
        return new InvocationMetrics(MetricsFactory.getMetricsInstance());
    }

    @Override
    public void close() {
        aws.close();
    }
}

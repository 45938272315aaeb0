package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.emrsessionstarter.core.SessionRequestProcessor;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.core.reading.RequestIdentity;
import dev.emrsessionstarter.core.reading.Trigger;
import dev.emrsessionstarter.wiring.FunctionComponents;
import dev.emrsessionstarter.wiring.SnapStartPriming;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Entry point for an EventBridge rule (asynchronous invocation): the event's {@code detail} is the session request,
 * its {@code id} the identity. A transient failure throws, so Lambda retries the event and finally sends it to the
 * function's on-failure destination; a rejection returns normally (its failure event says why).
 */
public final class EventBridgeSessionRequestHandler implements RequestStreamHandler, AutoCloseable {

    private static final byte[] NULL_ANSWER = "null".getBytes(StandardCharsets.US_ASCII);

    /**
     * Reads the event itself, as the queue entry points do (see {@link SqsEventJson}), instead of the runtime's POJO
     * binding. No nesting limit here, as the runtime's binding had none: the tree is built without recursion, and the
     * request reader refuses a {@code detail} that nests too deep with a rejection that says so.
     */
    private final ObjectMapper eventJson = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
            .build()).build();

    private final SessionRequestProcessor processor;
    private final InvocationMetrics metrics;
    private final FunctionComponents components;
    /** Held for the runtime's CRaC context, which keeps its resources only weakly. */
    private final SnapStartPriming priming;

    public EventBridgeSessionRequestHandler() {
        this(FunctionComponents.fromEnvironment(Settings.QueueTrigger.NOT_USED), InvocationMetrics.powertools());
        SnapStartPriming.register(priming);
    }

    public EventBridgeSessionRequestHandler(FunctionComponents components, InvocationMetrics metrics) {
        this.components = components;
        this.processor = components.processor();
        this.metrics = metrics;
        this.priming = components.priming();
    }

    /**
     * Closes the components this handler runs on (see {@link FunctionComponents#close()}). Lambda never calls it; a
     * host that retires an execution environment in a live JVM does.
     */
    @Override
    public void close() {
        components.close();
    }

    /**
     * Lambda's entry: the event's {@code id} and {@code detail}. An asynchronous call's answer goes nowhere; a test
     * invoke gets JSON {@code null}, as from any handler that returns nothing.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = eventJson.readTree(input);
        JsonNode id = event == null ? null : event.get("id");
        JsonNode detail = event == null ? null : event.get("detail");
        String eventId = id == null || id.isNull() ? null : id.asText();
        Delivery.Body body = new Delivery.Document(detail == null || detail.isNull() ? null : detail);
        Invocation.run(context, metrics, () -> handle(eventId, body, context));
        output.write(NULL_ANSWER);
    }

    /** The same, on an event already read: as tests and local runs call it. */
    public Void handleRequest(ScheduledEvent event, Context context) {
        Delivery.Body detail = new Delivery.Document(event == null ? null : event.getDetail());
        String eventId = event == null ? null : event.getId();
        return Invocation.run(context, metrics, () -> handle(eventId, detail, context));
    }

    private Void handle(String eventId, Delivery.Body detail, Context context) {
        Delivery delivery = eventId != null
                ? Delivery.of(Trigger.EVENTBRIDGE, eventId, RequestIdentity.Source.EVENTBRIDGE_EVENT_ID, detail)
                : Delivery.of(Trigger.EVENTBRIDGE, context == null ? null : context.getAwsRequestId(),
                        RequestIdentity.Source.LAMBDA_REQUEST_ID, detail);
        List<RequestOutcome> outcomes = processor.process(List.of(delivery), Invocation.deadline(context));
        metrics.record(outcomes);
        if (outcomes.get(0) instanceof RequestOutcome.RetryLater retry) {
            throw new SessionStartRetryableException(retry.error());
        }
        return null;
    }
}

package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.core.reading.RequestIdentity.Source;
import dev.emrsessionstarter.core.reading.Trigger;
import dev.emrsessionstarter.wiring.FunctionComponents;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Entry point for an EventBridge rule (asynchronous invocation): the event's {@code detail} is the session request,
 * its {@code id} the identity. A transient failure throws, so Lambda retries the event and finally sends it to the
 * function's on-failure destination; a rejection returns normally (its failure event says why).
 */
public final class EventBridgeSessionRequestHandler extends FunctionHandler {

    /**
     * The event read here rather than by the runtime's POJO binding, as the queue entry points do. No nesting limit,
     * as the binding had none: the request reader refuses a {@code detail} that nests too deep, and says so.
     */
    private final ObjectMapper eventJson = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
            .build()).build();

    public EventBridgeSessionRequestHandler() {
        super(Settings.QueueTrigger.NOT_USED);
    }

    public EventBridgeSessionRequestHandler(FunctionComponents components, InvocationMetrics metrics) {
        super(components, metrics);
    }

    /** Lambda's entry. An asynchronous call's answer goes nowhere; a test invoke gets JSON {@code null}. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Objects.requireNonNullElse(eventJson.readTree(input), MissingNode.getInstance());
        JsonNode id = present(event.path("id"));
        String eventId = id == null ? null : id.asText();
        invoke(context, () -> handle(eventId, new Delivery.Document(present(event.path("detail"))), context));
        output.write("null".getBytes(StandardCharsets.US_ASCII));
    }

    /** The same, on an event already read: as tests and local runs call it. */
    public Void handleRequest(ScheduledEvent event, Context context) {
        return event == null ? invoke(context, () -> handle(null, new Delivery.Document(null), context))
                : invoke(context, () -> handle(event.getId(), new Delivery.Document(event.getDetail()), context));
    }

    private static JsonNode present(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node;
    }

    private Void handle(String eventId, Delivery.Body detail, Context context) {
        Source source = eventId != null ? Source.EVENTBRIDGE_EVENT_ID : Source.LAMBDA_REQUEST_ID;
        Delivery delivery = Delivery.of(Trigger.EVENTBRIDGE, eventId != null ? eventId : requestId(context), source,
                detail);
        List<RequestOutcome> outcomes = components.processor().process(List.of(delivery), deadline(context));
        metrics.record(outcomes);
        if (outcomes.get(0) instanceof RequestOutcome.RetryLater retry) {
            throw SessionRequestFailedException.of(retry.error());
        }
        return null;
    }
}

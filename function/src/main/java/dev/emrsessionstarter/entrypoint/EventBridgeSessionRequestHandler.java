package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.emrsessionstarter.core.SessionRequestProcessor;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.core.reading.RequestIdentity;
import dev.emrsessionstarter.core.reading.Trigger;
import dev.emrsessionstarter.wiring.FunctionComponents;
import dev.emrsessionstarter.wiring.SnapStartPriming;
import java.util.List;

/**
 * Entry point for an EventBridge rule (asynchronous invocation): the event's {@code detail} is the session request,
 * its {@code id} the identity. A transient failure throws, so Lambda retries the event and finally sends it to the
 * function's on-failure destination; a rejection returns normally (its failure event says why).
 */
public final class EventBridgeSessionRequestHandler implements RequestHandler<ScheduledEvent, Void>, AutoCloseable {

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

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        return Invocation.run(context, metrics, () -> handle(event, context));
    }

    private Void handle(ScheduledEvent event, Context context) {
        Delivery.Body detail = new Delivery.Document(event == null ? null : event.getDetail());
        String eventId = event == null ? null : event.getId();
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

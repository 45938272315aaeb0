package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.emrsessionstarter.core.SessionRequestProcessor;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.delivery.Delivery;
import dev.emrsessionstarter.core.identity.RequestIdentity;
import dev.emrsessionstarter.core.identity.Trigger;
import dev.emrsessionstarter.core.outcome.Outcome;
import dev.emrsessionstarter.core.outcome.RequestResult;
import java.util.List;

/**
 * Entry point for an EventBridge rule (asynchronous invocation): the event's {@code detail} is the session request,
 * its {@code id} the identity. A transient failure throws, so Lambda retries the event and finally sends it to the
 * function's on-failure destination; a rejection returns normally (its failure event says why).
 */
public final class EventBridgeSessionRequestHandler implements RequestHandler<ScheduledEvent, Void> {

    private final SessionRequestProcessor processor;
    private final InvocationMetrics metrics;
    /** Held for the runtime's CRaC context, which keeps its resources only weakly. */
    private final SnapStartPriming priming;

    public EventBridgeSessionRequestHandler() {
        this(FunctionComponents.fromEnvironment(Settings.QueueTrigger.NOT_USED), InvocationMetrics.powertools());
        SnapStartPriming.register(priming);
    }

    public EventBridgeSessionRequestHandler(FunctionComponents components, InvocationMetrics metrics) {
        this.processor = components.processor();
        this.metrics = metrics;
        this.priming = components.priming();
    }

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        return Invocation.run(context, metrics, () -> handle(event, context));
    }

    private Void handle(ScheduledEvent event, Context context) {
        Delivery.Body detail = new Delivery.Document(event == null ? null : event.getDetail());
        String eventId = event == null ? null : event.getId();
        Delivery delivery = eventId != null
                ? new Delivery(Trigger.EVENTBRIDGE, eventId, RequestIdentity.Source.EVENTBRIDGE_EVENT_ID, null, null,
                        detail)
                : new Delivery(Trigger.EVENTBRIDGE, context == null ? null : context.getAwsRequestId(),
                        RequestIdentity.Source.LAMBDA_REQUEST_ID, null, null, detail);
        List<RequestResult> results = processor.process(List.of(delivery), Invocation.deadline(context));
        metrics.record(results);
        if (results.get(0).outcome() instanceof Outcome.Failed failed) {
            throw new SessionStartRetryableException(failed.error());
        }
        return null;
    }
}

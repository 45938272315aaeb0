package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.outcome.SessionFacts;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.core.reading.ReadRequest;
import dev.emrsessionstarter.core.reading.RequestIdentity;
import dev.emrsessionstarter.core.reading.Trigger;
import dev.emrsessionstarter.wiring.FunctionComponents;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Entry point for direct invocations: EventBridge Scheduler, Step Functions {@code lambda:invoke}, or any caller. The
 * payload is the session request; its {@code idempotencyKey} is the identity (without one, the Lambda request id,
 * which only Lambda's own retries keep). Returns the session; failures throw a type that names the cause, for
 * Step Functions {@code Retry} and {@code Catch}.
 *
 * <p>A stream handler, so that a payload that is not JSON, not an object or too large still gets this function's
 * clear error rather than a deserialization failure.
 */
public final class DirectSessionRequestHandler extends FunctionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DirectSessionRequestHandler.class);

    public DirectSessionRequestHandler() {
        super(Settings.QueueTrigger.NOT_USED);
    }

    public DirectSessionRequestHandler(FunctionComponents components, InvocationMetrics metrics) {
        super(components, metrics);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = input.readNBytes(components.settings().maxRequestBytes() + 1);
        byte[] response = invoke(context, () -> handle(payload, context));
        output.write(response);
    }

    private byte[] handle(byte[] payload, Context context) {
        Delivery delivery = Delivery.of(Trigger.DIRECT, requestId(context),
                RequestIdentity.Source.LAMBDA_REQUEST_ID, new Delivery.Bytes(payload));
        RequestOutcome outcome = components.processor().process(List.of(delivery), deadline(context)).get(0);
        metrics.record(List.of(outcome));
        warnWithoutIdempotencyKey(outcome.request());
        if (outcome instanceof RequestOutcome.Started started) {
            return SessionFacts.of(started.request(), started.session())
                    .writeHandover(components.mapper().createObjectNode(), null).toString()
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (outcome instanceof RequestOutcome.Terminated terminated) {
            return SessionFacts.of(terminated.request()).writeEnding(components.mapper().createObjectNode(),
                    terminated.state()).toString().getBytes(StandardCharsets.UTF_8);
        }
        throw SessionRequestFailedException.of(outcome instanceof RequestOutcome.Rejected rejected ? rejected.error()
                : ((RequestOutcome.RetryLater) outcome).error());
    }

    private static void warnWithoutIdempotencyKey(ReadRequest request) {
        if (request.identity() != null && request.identity().source() == RequestIdentity.Source.LAMBDA_REQUEST_ID
                && request.request().clientToken() == null) {
            try (RequestLogContext ignored = RequestLogContext.open(MDC.getCopyOfContextMap(), request)) {
                LOG.warn("The request has no idempotencyKey: its identity is the Lambda request id, which a caller's "
                        + "own retry does not keep. Pass a stable idempotencyKey (see the README).");
            }
        }
    }
}

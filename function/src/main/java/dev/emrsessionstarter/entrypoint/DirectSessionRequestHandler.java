package dev.emrsessionstarter.entrypoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.SessionRequestProcessor;
import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.core.log.RequestLogContext;
import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.outcome.RequestOutcome;
import dev.emrsessionstarter.core.reading.Delivery;
import dev.emrsessionstarter.core.reading.ReadRequest;
import dev.emrsessionstarter.core.reading.RequestIdentity;
import dev.emrsessionstarter.core.reading.Trigger;
import dev.emrsessionstarter.wiring.FunctionComponents;
import dev.emrsessionstarter.wiring.SnapStartPriming;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
public final class DirectSessionRequestHandler implements RequestStreamHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectSessionRequestHandler.class);

    private final SessionRequestProcessor processor;
    private final InvocationMetrics metrics;
    private final FunctionComponents components;
    /** Held for the runtime's CRaC context, which keeps its resources only weakly. */
    private final SnapStartPriming priming;
    private final ObjectMapper mapper;
    private final int maxRequestBytes;

    public DirectSessionRequestHandler() {
        this(FunctionComponents.fromEnvironment(Settings.QueueTrigger.NOT_USED), InvocationMetrics.powertools());
        SnapStartPriming.register(priming);
    }

    public DirectSessionRequestHandler(FunctionComponents components, InvocationMetrics metrics) {
        this.components = components;
        this.processor = components.processor();
        this.metrics = metrics;
        this.priming = components.priming();
        this.mapper = components.mapper();
        this.maxRequestBytes = components.settings().maxRequestBytes();
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
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = readAtMost(input, maxRequestBytes + 1);
        byte[] response = Invocation.run(context, metrics, () -> handle(payload, context));
        output.write(response);
    }

    private byte[] handle(byte[] payload, Context context) {
        Delivery delivery = Delivery.of(Trigger.DIRECT, context == null ? null : context.getAwsRequestId(),
                RequestIdentity.Source.LAMBDA_REQUEST_ID, new Delivery.Bytes(payload));
        RequestOutcome outcome = processor.process(List.of(delivery), Invocation.deadline(context)).get(0);
        metrics.record(List.of(outcome));
        warnWithoutIdempotencyKey(outcome.request());
        if (outcome instanceof RequestOutcome.Started started) {
            ObjectNode body = mapper.createObjectNode()
                    .put("applicationId", started.session().applicationId())
                    .put("sessionId", started.session().sessionId())
                    .put("arn", started.session().arn())
                    .put("clientToken", started.request().clientToken())
                    .put("requestIdentity", started.request().identity().value());
            try {
                return mapper.writeValueAsBytes(body);
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
        }
        if (outcome instanceof RequestOutcome.Rejected rejected) {
            throw switch (rejected.error().code()) {
                case ErrorCodes.INVALID_SESSION_REQUEST -> new InvalidSessionRequestException(rejected.error());
                case ErrorCodes.SESSION_REQUEST_NOT_ALLOWED -> new SessionRequestNotAllowedException(rejected.error());
                default -> new SessionStartRejectedException(rejected.error());
            };
        }
        throw new SessionStartRetryableException(((RequestOutcome.RetryLater) outcome).error());
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

    /** Reads no more than {@code limit} bytes, so an oversize payload costs bounded memory. */
    private static byte[] readAtMost(InputStream input, int limit) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.min(limit, 8192));
        byte[] chunk = new byte[8192];
        int total = 0;
        int read;
        while (total < limit && (read = input.read(chunk, 0, Math.min(chunk.length, limit - total))) != -1) {
            buffer.write(chunk, 0, read);
            total += read;
        }
        return buffer.toByteArray();
    }
}

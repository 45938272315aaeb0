package dev.emrsessionstarter.core.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.StartedSession;
import dev.emrsessionstarter.core.reading.ReadRequest;
import dev.emrsessionstarter.core.reading.Violation;
import java.util.List;

/**
 * Builds the outcome events of contract section 5. The detail names the request but never carries its
 * configuration properties: consumers get what they need to correlate, not what the producer configured.
 */
public final class OutcomeEvents {

    public static final String STARTED = "EMR Serverless Session Started";
    public static final String START_FAILED = "EMR Serverless Session Start Failed";

    private final ObjectMapper mapper;

    public OutcomeEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public OutcomeEvent started(ReadRequest request, StartedSession session) {
        ObjectNode detail = common(request);
        detail.put("applicationId", session.applicationId());
        detail.put("sessionId", session.sessionId());
        detail.put("arn", session.arn());
        return new OutcomeEvent(STARTED, write(detail), List.of(session.arn()));
    }

    /** @param finalFailure true when no retry will follow (a rejection, or a last attempt) */
    public OutcomeEvent failed(ReadRequest request, ErrorInfo error, boolean finalFailure) {
        ObjectNode detail = common(request);
        ObjectNode errorNode = detail.putObject("error");
        errorNode.put("code", error.code());
        errorNode.put("message", error.message());
        errorNode.put("retryable", error.retryable());
        if (error.violationCount() > 0) {
            ArrayNode violations = errorNode.putArray("violations");
            for (Violation violation : error.violations()) {
                violations.addObject().put("field", violation.field()).put("rule", violation.rule());
            }
            errorNode.put("violationCount", error.violationCount());
        }
        detail.put("final", finalFailure);
        return new OutcomeEvent(START_FAILED, write(detail), List.of());
    }

    private ObjectNode common(ReadRequest request) {
        ObjectNode detail = mapper.createObjectNode();
        detail.put("requestIdentity",
                request.identity() != null ? request.identity().value() : request.delivery().deliveryId());
        detail.put("trigger", request.delivery().trigger().wireName());
        detail.put("clientToken", request.clientToken());
        detail.put("applicationId", request.request().applicationId());
        detail.put("executionRoleArn", request.request().executionRoleArn());
        detail.put("name", request.request().name());
        detail.put("correlationId", request.correlationId());
        detail.put("attempt", request.delivery().attempt());
        return detail;
    }

    private String write(ObjectNode detail) {
        try {
            return mapper.writeValueAsString(detail);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("An event detail could not be written", impossible);
        }
    }
}

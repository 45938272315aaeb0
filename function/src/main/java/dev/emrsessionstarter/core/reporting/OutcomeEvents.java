package dev.emrsessionstarter.core.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emrsessionstarter.core.outcome.ErrorInfo;
import dev.emrsessionstarter.core.outcome.SessionFacts;
import dev.emrsessionstarter.core.port.OutcomeEvent;
import dev.emrsessionstarter.core.port.SessionMonitor;
import dev.emrsessionstarter.core.port.SessionMonitor.SessionState;
import dev.emrsessionstarter.core.port.StartedSession;
import dev.emrsessionstarter.core.reading.ReadRequest;
import dev.emrsessionstarter.core.reading.Violation;
import java.time.Duration;
import java.util.List;

/**
 * Builds the outcome events of docs/contract.md sections 5 and 6. The detail names the request but never carries its
 * configuration properties: consumers get what they need to correlate, not what the producer configured.
 */
public final class OutcomeEvents {

    public static final String STARTED = "EMR Serverless Session Started";
    public static final String START_FAILED = "EMR Serverless Session Start Failed";
    public static final String READY = "EMR Serverless Session Ready";
    public static final String SESSION_FAILED = "EMR Serverless Session Failed";
    public static final String NOT_READY = "EMR Serverless Session Not Ready";
    public static final String TERMINATED = "EMR Serverless Session Terminated";
    public static final String ENDED = "EMR Serverless Session Ended";
    public static final String STILL_RUNNING = "EMR Serverless Session Still Running";
    public static final String TERMINATE_FAILED = "EMR Serverless Session Terminate Failed";

    private final ObjectMapper mapper;

    public OutcomeEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public OutcomeEvent started(ReadRequest request, StartedSession session) {
        return new OutcomeEvent(STARTED, write(SessionFacts.of(request, session).writeTo(mapper.createObjectNode())),
                List.of(session.arn()));
    }

    /** The session is usable: STARTED, IDLE or BUSY. */
    /** @param endpoint the session's Spark Connect endpoint, or null to leave it out */
    public OutcomeEvent ready(SessionFacts session, String state, int checks, Duration toReady, String endpoint) {
        ObjectNode detail = readiness(session, state, checks);
        detail.put("secondsToReady", seconds(toReady));
        if (endpoint != null) {
            detail.put("endpoint", endpoint);
        }
        return new OutcomeEvent(READY, write(detail), List.of(session.arn()));
    }

    /**
     * The session failed to start, or the watch could not read it.
     *
     * @param stateDetails the service's words on the state, already scrubbed; null when there are none
     * @param error why the watch ended without a state (GetSession refused), or null
     */
    public OutcomeEvent sessionFailed(SessionFacts session, String state, String stateDetails, ErrorInfo error,
            int checks, Duration waited) {
        ObjectNode detail = readiness(session, state, checks);
        detail.put("secondsWaited", seconds(waited));
        detail.put("stateDetails", stateDetails);
        if (error != null) {
            detail.putObject("error").put("code", error.code()).put("message", error.message());
        }
        return new OutcomeEvent(SESSION_FAILED, write(detail), List.of(session.arn()));
    }

    /** The session did not become ready in time. */
    public OutcomeEvent notReady(SessionFacts session, String state, int checks, Duration waited,
            boolean terminated) {
        ObjectNode detail = readiness(session, state, checks);
        detail.put("secondsWaited", seconds(waited));
        detail.put("terminated", terminated);
        return new OutcomeEvent(NOT_READY, write(detail), List.of(session.arn()));
    }

    /**
     * A session the watch followed has ended (docs/contract.md section 9): how, and what it used.
     *
     * @param stateDetails the service's words on the end, already scrubbed
     * @param error why the watch could not read the session any more (GetSession refused), or null
     * @param read GetSession's answer; null when it refused
     */
    public OutcomeEvent ended(SessionFacts session, String state, String stateDetails, ErrorInfo error, int checks,
            SessionState read) {
        ObjectNode detail = readiness(session, state, checks);
        detail.put("stateDetails", stateDetails);
        detail.put("endedBy", read == null ? null : endedBy(read));
        usage(detail, read);
        if (read != null) {
            detail.put("endedAt", instant(read.history().endedAt()));
        }
        if (error != null) {
            detail.putObject("error").put("code", error.code()).put("message", error.message());
        }
        return new OutcomeEvent(ENDED, write(detail), List.of(session.arn()));
    }

    /** The watch gave up on a session still running: what it has used so far. */
    public OutcomeEvent stillRunning(SessionFacts session, String state, int checks, SessionState read) {
        ObjectNode detail = readiness(session, state, checks);
        usage(detail, read);
        return new OutcomeEvent(STILL_RUNNING, write(detail), List.of(session.arn()));
    }

    /**
     * How a session ended, as far as its history tells: failed; past its idle timeout since it went idle; or else
     * terminated (on request, or by the unready rule).
     */
    static String endedBy(SessionState read) {
        if ("FAILED".equals(read.state())) {
            return "failed";
        }
        SessionMonitor.History history = read.history();
        if (history.idleSince() != null && history.idleTimeoutMinutes() != null && history.endedAt() != null
                && !history.endedAt().isBefore(history.idleSince().plusSeconds(history.idleTimeoutMinutes() * 60))) {
            return "idleTimeout";
        }
        return "terminated";
    }

    private void usage(ObjectNode detail, SessionState read) {
        detail.put("startedAt", read == null ? null : instant(read.startedAt()));
        SessionMonitor.Usage usage = read == null ? null : read.usage();
        detail.put("totalExecutionDurationSeconds", usage == null ? null : usage.totalExecutionDurationSeconds());
        resources(detail, "billedResourceUtilization", usage == null ? null : usage.billed());
        resources(detail, "totalResourceUtilization", usage == null ? null : usage.total());
        ObjectNode tags = detail.putObject("tags");
        if (read != null) {
            read.tags().forEach(tags::put);
        }
    }

    private static void resources(ObjectNode detail, String name, SessionMonitor.Resources resources) {
        if (resources == null) {
            detail.putNull(name);
            return;
        }
        detail.putObject(name).put("vCPUHour", resources.vCpuHours()).put("memoryGBHour", resources.memoryGbHours())
                .put("storageGBHour", resources.storageGbHours());
    }

    private static String instant(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** A terminate request ended its session: @param state the session's state at the answer */
    public OutcomeEvent terminated(ReadRequest request, String state) {
        ObjectNode detail = SessionFacts.of(request).writeTo(mapper.createObjectNode());
        detail.put("state", state);
        return new OutcomeEvent(TERMINATED, write(detail), List.of());
    }

    /** @param finalFailure true when no retry will follow (a rejection, or a last attempt) */
    public OutcomeEvent failed(ReadRequest request, ErrorInfo error, boolean finalFailure) {
        ObjectNode detail = SessionFacts.of(request).writeTo(mapper.createObjectNode());
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
        return new OutcomeEvent(request.request().terminates() ? TERMINATE_FAILED : START_FAILED, write(detail),
                List.of());
    }

    private ObjectNode readiness(SessionFacts session, String state, int checks) {
        ObjectNode detail = session.writeTo(mapper.createObjectNode());
        detail.put("state", state);
        detail.put("checks", checks);
        return detail;
    }

    /** Seconds with millisecond precision. */
    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private String write(ObjectNode detail) {
        try {
            return mapper.writeValueAsString(detail);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("An event detail could not be written", impossible);
        }
    }
}

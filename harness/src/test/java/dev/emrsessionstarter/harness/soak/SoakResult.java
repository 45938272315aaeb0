package dev.emrsessionstarter.harness.soak;

import dev.emrsessionstarter.emulator.emr.SessionView;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a soak run left behind, for the checks: what was sent, what the event source mapping did with each message,
 * what the emulators saw, and what the process wrote.
 *
 * @param fates by SQS message id
 * @param deadLettered message ids found in the dead-letter queue at the end
 * @param sessions every session of both applications
 * @param startSessionRequestBodies every StartSession request EMR Serverless received, faulted ones included
 */
record SoakResult(SoakPlan plan, List<SentMessage> sent, Map<String, MessageFate> fates, Set<String> deadLettered,
        List<SessionView> sessions, List<String> startSessionRequestBodies, List<RecordedEvent> events, OutputScanner output,
        Invocations invocations, Duration sending, Duration draining) {

    /** A message as sent: its SQS id and the request it carries. */
    record SentMessage(String messageId, PlannedRequest request) {
    }

    /**
     * What the event source mapping did with one message over the run.
     *
     * @param unanswered deliveries in invocations that ended without a response (a crash)
     * @param lastUnanswered whether the last of them was one
     */
    record MessageFate(int deliveries, int unanswered, boolean lastUnanswered, int lastReceiveCount, boolean deleted) {
    }

    /**
     * @param functionErrors invocations that ended without a response
     * @param crashes those of them that were simulated crashes
     * @param environments execution environments started (1 + those replaced)
     * @param inFunction the time spent inside the function, cold starts included
     */
    record Invocations(int count, int functionErrors, int crashes, int environments, Duration inFunction) {
    }
}

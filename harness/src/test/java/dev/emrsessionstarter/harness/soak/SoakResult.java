package dev.emrsessionstarter.harness.soak;

import dev.emrsessionstarter.emulator.emr.SessionView;
import dev.emrsessionstarter.emulator.eventbridge.RecordedEvent;
import dev.emrsessionstarter.emulator.stepfunctions.TaskCallbackCall;
import dev.emrsessionstarter.emulator.stepfunctions.TaskState;
import dev.emrsessionstarter.emulator.stepfunctions.TaskView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a soak run left behind, for the checks: what was sent, what the event source mappings did with each message
 * (the request queue's and the watch queue's), what the emulators saw, and what the process wrote.
 *
 * @param fates by SQS message id, on the request queue
 * @param deadLettered message ids found in the request queue's dead-letter queue at the end
 * @param sessions every session of both applications
 * @param startSessionRequestBodies every StartSession request EMR Serverless received, faulted ones included
 * @param reads every readiness event (Ready, Failed, Not Ready) with the session as it was when the event was decided
 * @param emulatedTime how far the emulators' clock moved over the run
 */
record SoakResult(SoakPlan plan, List<SentMessage> sent, Map<String, MessageFate> fates, Set<String> deadLettered,
        List<SessionView> sessions, List<String> startSessionRequestBodies, List<RecordedEvent> events,
        OutputScanner output, Invocations invocations, Duration sending, Duration draining, Watch watch, Tasks tasks,
        List<ReadinessRead> reads, Duration emulatedTime) {

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
     * @param lastEnded when the last invocation ended, from the start of the drain
     */
    record Invocations(int count, int functionErrors, int crashes, int environments, Duration inFunction,
            Duration lastEnded) {
    }

    /**
     * The watch function's side.
     *
     * @param fates by watch-queue message id (every check is a message of its own)
     * @param deadLetters the checks found in the watch queue's dead-letter queue at the end: body by message id
     */
    record Watch(Map<String, MessageFate> fates, Map<String, String> deadLetters, Invocations invocations,
            int getSessionCalls, int terminateSessionCalls) {
    }

    /**
     * The Step Functions side.
     *
     * @param views every task issued, as it ended
     * @param closedBySoak the tasks the soak stopped or timed out while they were waiting, and how
     * @param calls every callback Step Functions received, faulted and refused ones included
     */
    record Tasks(List<TaskView> views, Map<String, TaskState> closedBySoak, List<TaskCallbackCall> calls) {
    }

    /**
     * A readiness event and the session it is about, as EMR Serverless had it at the moment the watch read it (the
     * emulators' clock stands still while a watch invocation runs, so that is the event's time); null if no such
     * session. For a Not Ready event whose session was terminated at that instant, the session as it was just before,
     * unless the event names the state it had at the instant itself (another check of it terminated it first).
     */
    record ReadinessRead(RecordedEvent event, SessionView session) {
    }
}

package dev.emrsessionstarter.testing.fakes;

import dev.emrsessionstarter.core.outcome.ErrorCodes;
import dev.emrsessionstarter.core.port.SessionStarter;
import dev.emrsessionstarter.adapter.ServiceError;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.StartSessionCommand;
import dev.emrsessionstarter.core.port.StartedSession;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link SessionStarter} that answers from a script and records every call.
 *
 * <p>A call takes the next answer scripted for its client token ({@link #answerToken}), else the next one scripted for
 * any call ({@link #answer}), else the standing answer ({@link #otherwise}, a started session unless changed).
 * Like EMR Serverless, it gives the same session to every call that carries the same client token.
 */
public final class ScriptedSessionStarter implements SessionStarter {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";

    private final ManualNanoClock clock;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final Map<String, Deque<Answer>> scriptByToken = new HashMap<>();
    private final Map<String, StartedSession> sessionsByToken = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private Answer otherwise = Answer.started();

    /** One StartSession call: what was asked, and the time it was given. */
    public record Call(StartSessionCommand command, Duration timeout) {
        public String clientToken() {
            return command.clientToken();
        }
    }

    /** @param clock moved by answers that take time; null when none do */
    public ScriptedSessionStarter(ManualNanoClock clock) {
        this.clock = clock;
    }

    public ScriptedSessionStarter() {
        this(null);
    }

    /** The next calls, whatever their token, answer these in order. */
    public synchronized ScriptedSessionStarter answer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** The next calls carrying {@code clientToken} answer these in order, before anything scripted for any call. */
    public synchronized ScriptedSessionStarter answerToken(String clientToken, Answer... answers) {
        scriptByToken.computeIfAbsent(clientToken, unused -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** What every call answers once the scripts have run out. */
    public synchronized ScriptedSessionStarter otherwise(Answer answer) {
        this.otherwise = Objects.requireNonNull(answer);
        return this;
    }

    @Override
    public ServiceCall<StartedSession> start(StartSessionCommand command, Duration timeout) {
        Answer answer;
        synchronized (this) {
            calls.add(new Call(command, timeout));
            Deque<Answer> forToken = scriptByToken.get(command.clientToken());
            if (forToken != null && !forToken.isEmpty()) {
                answer = forToken.poll();
            } else if (!script.isEmpty()) {
                answer = script.poll();
            } else {
                answer = otherwise;
            }
        }
        advance(answer.latency());
        return switch (answer.kind()) {
            case STARTED -> new ServiceCall.Answered<>(sessionFor(command));
            // As the adapter reads them: no response (status 0) may pass on another try; a response, as the SDK says.
            case FAILED -> answer.httpStatus() == 0 ? ServiceCall.Failed.of(answer.code(), answer.message(), true)
                    : ServiceError.of(answer.asServiceException(), "StartSession", timeout);
            case TIMED_OUT -> {
                advance(timeout);
                yield ServiceCall.Failed.of(ErrorCodes.TIMEOUT,
                        "StartSession did not answer within " + timeout.toMillis() + " ms", true);
            }
            case THROWS -> throw answer.bug();
        };
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<StartSessionCommand> commands() {
        return calls.stream().map(Call::command).toList();
    }

    /** The client token of every call, in order. */
    public synchronized List<String> tokens() {
        return calls.stream().map(Call::clientToken).toList();
    }

    /** The timeout each call was given, in order. */
    public synchronized List<Duration> timeouts() {
        return calls.stream().map(Call::timeout).toList();
    }

    public synchronized int callCount() {
        return calls.size();
    }

    /** The session a started call with this token returns (the same one every time). */
    public synchronized StartedSession sessionFor(StartSessionCommand command) {
        return sessionsByToken.computeIfAbsent(command.clientToken(), token -> {
            String sessionId = "s" + Integer.toString(sessionsByToken.size() + 1, 36) + "fake";
            return new StartedSession(command.applicationId(), sessionId, "arn:aws:emr-serverless:" + REGION + ":"
                    + ACCOUNT + ":/applications/" + command.applicationId() + "/sessions/" + sessionId);
        });
    }

    private void advance(Duration duration) {
        if (clock != null && !duration.isZero()) {
            clock.advance(duration);
        }
    }

    /** One scripted answer to a StartSession call. */
    public record Answer(Kind kind, String code, int httpStatus, String message, Duration latency,
            RuntimeException bug) {

        public enum Kind { STARTED, FAILED, TIMED_OUT, THROWS }

        /** A session: a new one, or the one the call's client token already has. */
        /** The service's error as the SDK raises it, so the adapter's judgement of it applies. */
        AwsServiceException asServiceException() {
            return AwsServiceException.builder().statusCode(httpStatus).message(message)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
        }

        public static Answer started() {
            return new Answer(Kind.STARTED, null, 200, null, Duration.ZERO, null);
        }

        /** The service's error, as the adapter reports it. */
        public static Answer failure(String code, int httpStatus) {
            return failure(code, httpStatus, code + " from the scripted service");
        }

        public static Answer failure(String code, int httpStatus, String message) {
            return new Answer(Kind.FAILED, code, httpStatus, message, Duration.ZERO, null);
        }

        /** No answer within the call's timeout: the clock moves by the whole timeout, as the adapter would wait. */
        public static Answer timeout() {
            return new Answer(Kind.TIMED_OUT, ErrorCodes.TIMEOUT, 0, null, Duration.ZERO, null);
        }

        /** A bug in the adapter: the call throws. */
        public static Answer throwing(RuntimeException bug) {
            return new Answer(Kind.THROWS, null, 0, null, Duration.ZERO, bug);
        }

        /** The same answer, given after {@code latency} on the manual clock. */
        public Answer after(Duration latency) {
            return new Answer(kind, code, httpStatus, message, latency, bug);
        }
    }
}

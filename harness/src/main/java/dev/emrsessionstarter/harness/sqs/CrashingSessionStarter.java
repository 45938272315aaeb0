package dev.emrsessionstarter.harness.sqs;

import dev.emrsessionstarter.core.port.SessionStarter;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.StartSessionCommand;
import dev.emrsessionstarter.core.port.StartedSession;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;

/**
 * A {@link SessionStarter} of an execution environment that dies: after the StartSession calls its plan picks, it
 * throws {@link SimulatedCrash} once the call has reached EMR Serverless (the session may exist, but nobody hears of
 * it). A dead environment stays dead: every later call throws at once, so the other lanes of the batch stop too.
 */
public final class CrashingSessionStarter implements SessionStarter {

    private final SessionStarter delegate;
    private final BiPredicate<StartSessionCommand, Integer> crashAfterCall;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean crashed;

    /** @param crashAfterCall given the 1-based number of a call this starter made, whether to crash after it */
    public CrashingSessionStarter(SessionStarter delegate, IntPredicate crashAfterCall) {
        this(delegate, (command, call) -> crashAfterCall.test(call));
    }

    /**
     * @param crashAfterCall given a call's command (its client token names the request) and the 1-based number of
     *     that call among this starter's, whether to crash after it
     */
    public CrashingSessionStarter(SessionStarter delegate, BiPredicate<StartSessionCommand, Integer> crashAfterCall) {
        this.delegate = delegate;
        this.crashAfterCall = crashAfterCall;
    }

    /** Crashes right after call number {@code call} and never before. */
    public static CrashingSessionStarter afterCall(SessionStarter delegate, int call) {
        return new CrashingSessionStarter(delegate, number -> number == call);
    }

    @Override
    public ServiceCall<StartedSession> start(StartSessionCommand command, Duration timeout) {
        if (crashed) {
            throw new SimulatedCrash("the execution environment has crashed");
        }
        ServiceCall<StartedSession> attempt = delegate.start(command, timeout);
        int call = calls.incrementAndGet();
        if (crashAfterCall.test(command, call)) {
            crashed = true;
            throw new SimulatedCrash("the execution environment crashed after StartSession call " + call);
        }
        return attempt;
    }

    public boolean crashed() {
        return crashed;
    }
}

package dev.emrsessionstarter.harness.sqs;

import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.SessionMonitor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A {@link SessionMonitor} of a watch function's execution environment that dies: after the GetSession calls its plan
 * picks, it throws {@link SimulatedCrash} once the call has been answered (the session was read, but nothing came of
 * it). A dead environment stays dead: every later call throws at once, so the batch's other checks stop too.
 */
public final class CrashingSessionMonitor implements SessionMonitor {

    private final SessionMonitor delegate;
    private final ReadCrash crashAfterCall;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean crashed;

    /** @param crashAfterCall given the 1-based number of a GetSession call it made, whether to crash after it */
    public CrashingSessionMonitor(SessionMonitor delegate, IntPredicate crashAfterCall) {
        this(delegate, (applicationId, sessionId, call) -> crashAfterCall.test(call));
    }

    /** @param crashAfterCall given the session read and the call's 1-based number, whether to crash after it */
    public CrashingSessionMonitor(SessionMonitor delegate, ReadCrash crashAfterCall) {
        this.delegate = delegate;
        this.crashAfterCall = crashAfterCall;
    }

    /** Whether to crash after a GetSession call. */
    @FunctionalInterface
    public interface ReadCrash {
        boolean test(String applicationId, String sessionId, int call);
    }

    @Override
    public ServiceCall<SessionState> read(String applicationId, String sessionId, Duration timeout) {
        requireAlive();
        ServiceCall<SessionState> read = delegate.read(applicationId, sessionId, timeout);
        int call = calls.incrementAndGet();
        if (crashAfterCall.test(applicationId, sessionId, call)) {
            crashed = true;
            throw new SimulatedCrash("the execution environment crashed after GetSession call " + call);
        }
        return read;
    }

    @Override
    public ServiceCall<Void> terminate(String applicationId, String sessionId, Duration timeout) {
        requireAlive();
        return delegate.terminate(applicationId, sessionId, timeout);
    }

    @Override
    public ServiceCall<String> endpoint(String applicationId, String sessionId, Duration timeout) {
        requireAlive();
        return delegate.endpoint(applicationId, sessionId, timeout);
    }

    public boolean crashed() {
        return crashed;
    }

    private void requireAlive() {
        if (crashed) {
            throw new SimulatedCrash("the execution environment has crashed");
        }
    }
}

package dev.emrsessionstarter.wiring;

import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * SDK calls made only to load and exercise their code before a SnapStart snapshot: a request marked as a priming call
 * is marshalled and signed like any other, then stopped by {@link #interceptor()} before the HTTP client sends it.
 * Nothing reaches AWS, so nothing changes there, and no connection is opened that the snapshot would keep.
 *
 * <p>The marked request signs with dummy static credentials of its own, so the client's credentials provider (the
 * execution role's credentials, which must be fresh after a restore) is never resolved before the snapshot.
 */
final class PrimingCalls {

    static final ExecutionAttribute<Boolean> PRIMING = new ExecutionAttribute<>("emr-session-starter.priming");

    private static final StaticCredentialsProvider DUMMY_CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDPRIMINGONLY00000", "priming-only-never-sent"));

    private PrimingCalls() {
    }

    /** Stops marked calls after signing, just before transmission; all other calls pass untouched. */
    static ExecutionInterceptor interceptor() {
        return new StopPrimingCalls();
    }

    /** {@code request} marked as a priming call, signing with dummy credentials; its other overrides kept. */
    @SuppressWarnings("unchecked")
    static <T extends AwsRequest> T mark(T request) {
        AwsRequestOverrideConfiguration.Builder override = request.overrideConfiguration()
                .map(AwsRequestOverrideConfiguration::toBuilder)
                .orElseGet(AwsRequestOverrideConfiguration::builder);
        return (T) request.toBuilder()
                .overrideConfiguration(override.putExecutionAttribute(PRIMING, Boolean.TRUE)
                        .credentialsProvider(DUMMY_CREDENTIALS).build())
                .build();
    }

    /**
     * Runs a call made with a {@linkplain #mark marked} request and expects it to be stopped. A call that returns
     * went out: that must never happen, so it fails loudly.
     */
    static void expectStopped(Supplier<?> call) {
        try {
            call.get();
        } catch (RuntimeException stopped) {
            if (isStop(stopped)) {
                return;
            }
            throw stopped;
        }
        throw new IllegalStateException("a priming call was sent: the priming interceptor is not installed");
    }

    private static boolean isStop(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CallStopped) {
                return true;
            }
        }
        return false;
    }

    private static final class StopPrimingCalls implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (Boolean.TRUE.equals(attributes.getAttribute(PRIMING))) {
                throw new CallStopped();
            }
        }
    }

    /** How a priming call ends: no stack trace, it is expected. */
    private static final class CallStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CallStopped() {
            super("priming call stopped before transmission", null, false, false);
        }
    }
}

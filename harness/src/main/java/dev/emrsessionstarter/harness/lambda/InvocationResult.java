package dev.emrsessionstarter.harness.lambda;

import java.nio.charset.StandardCharsets;

/**
 * How the runtime answered one invocation: {@code /response} with the handler's output, or {@code /error} with the
 * error document the runtime interface client builds from the exception ({@code errorType} is the exception's fully
 * qualified class name, which Step Functions' {@code Retry} and {@code Catch} match).
 *
 * <p>{@code deliveredNanos} is when the runtime received the invocation from {@code /next}, {@code answeredNanos}
 * when its answer arrived ({@link System#nanoTime()}).
 */
public sealed interface InvocationResult {

    long deliveredNanos();

    long answeredNanos();

    /** Time from handing the invocation to the runtime to receiving its answer. */
    default long durationNanos() {
        return answeredNanos() - deliveredNanos();
    }

    record Response(byte[] body, long deliveredNanos, long answeredNanos) implements InvocationResult {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record FunctionError(String errorType, String errorMessage, byte[] body, long deliveredNanos, long answeredNanos)
            implements InvocationResult {
    }
}

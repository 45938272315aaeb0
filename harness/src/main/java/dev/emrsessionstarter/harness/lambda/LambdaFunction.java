package dev.emrsessionstarter.harness.lambda;

import java.util.Map;

/**
 * One function as {@code template.yaml} configures it.
 *
 * @param handler {@code class::method}, as the runtime interface client takes it
 * @param environment the variables the template sets (not those Lambda itself adds)
 */
public record LambdaFunction(String logicalId, String handler, int memoryMb, int timeoutSeconds,
        Map<String, String> environment) {

    public String handlerClass() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }

    public LambdaFunction withMemory(int memoryMb) {
        return new LambdaFunction(logicalId, handler, memoryMb, timeoutSeconds, environment);
    }

    public LambdaFunction withHandler(String handler) {
        return new LambdaFunction(logicalId, handler, memoryMb, timeoutSeconds, environment);
    }
}

package dev.emrsessionstarter.harness.benchmark;

import dev.emrsessionstarter.core.config.Settings;
import dev.emrsessionstarter.entrypoint.InvocationMetrics;
import dev.emrsessionstarter.entrypoint.SqsSessionRequestHandler;
import dev.emrsessionstarter.harness.lambda.LambdaFunction;
import dev.emrsessionstarter.harness.sqs.SqsFunction;
import dev.emrsessionstarter.testing.EmulatedAws;
import dev.emrsessionstarter.wiring.FunctionComponents;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * The SQS function built in this JVM as one execution environment's init phase builds it: settings from the
 * environment {@code template.yaml} gives the function, its own SDK clients (pointed at the emulators), the production
 * retry policies, and a metrics instance of its own. In Lambda every environment is a process of its own; here several
 * share a JVM, and Powertools' process-wide metrics instance is not meant for concurrent invocations.
 */
final class InJvmSqsFunction {

    private InJvmSqsFunction() {
    }

    static SqsFunction coldStart(LambdaFunction function, EmulatedAws aws) {
        Settings settings = Settings.fromEnvironment(function.environment(), Settings.QueueTrigger.REQUIRED);
        FunctionComponents components = FunctionComponents.assemble(settings, aws.clients());
        SqsSessionRequestHandler handler = new SqsSessionRequestHandler(components,
                new InvocationMetrics(new EmfMetricsProvider().getMetricsInstance()));
        return SqsFunction.closing(handler::handleRequest, handler);
    }
}

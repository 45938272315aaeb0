package dev.emrsessionstarter.harness.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/** A function an SQS event source mapping invokes; {@code SqsSessionRequestHandler::handleRequest} is one. */
@FunctionalInterface
public interface SqsFunction {

    SQSBatchResponse handleRequest(SQSEvent event, Context context);
}

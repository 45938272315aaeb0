package dev.emrsessionstarter.harness.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;

/**
 * A function an SQS event source mapping invokes; {@code SqsSessionRequestHandler::handleRequest} is one. Closing it
 * frees what its instance holds, as the end of an execution environment does; by default there is nothing to free.
 */
@FunctionalInterface
public interface SqsFunction extends AutoCloseable {

    SQSBatchResponse handleRequest(SQSEvent event, Context context);

    @Override
    default void close() {
    }

    /**
     * {@code function}, whose {@link #close()} closes {@code resources} in the order given (e.g. the handler, whose
     * close ends its lane threads, then the SDK clients it used). Every resource is closed even if one fails.
     */
    static SqsFunction closing(SqsFunction function, AutoCloseable... resources) {
        List<AutoCloseable> owned = List.of(resources);
        return new SqsFunction() {
            @Override
            public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
                return function.handleRequest(event, context);
            }

            @Override
            public void close() {
                RuntimeException failure = null;
                for (AutoCloseable resource : owned) {
                    try {
                        resource.close();
                    } catch (Exception closeFailed) {
                        if (failure == null) {
                            failure = new IllegalStateException("closing a function's resources failed",
                                    closeFailed);
                        } else {
                            failure.addSuppressed(closeFailed);
                        }
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            }
        };
    }
}

package dev.emrsessionstarter.core.port;

import java.time.Duration;

/**
 * Completes Step Functions tasks that wait for a session (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat). One
 * call is one attempt. A task token is a credential: implementations never log it or put it in an error.
 */
public interface TaskCallbacks {

    /** @param output a JSON object text */
    ServiceCall<Void> succeed(String taskToken, String output, Duration timeout);

    /** @param error a name a {@code Catch} can match; @param cause a text without secrets */
    ServiceCall<Void> fail(String taskToken, String error, String cause, Duration timeout);

    ServiceCall<Void> heartbeat(String taskToken, Duration timeout);
}

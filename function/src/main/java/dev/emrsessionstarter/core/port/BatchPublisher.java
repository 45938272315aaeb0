package dev.emrsessionstarter.core.port;

import java.time.Duration;
import java.util.List;

/**
 * Sends entries to a service in as few calls as it allows: outcome events to EventBridge, readiness checks to the
 * watch queue. One call sends each entry once: retrying the failed ones is the caller's decision.
 *
 * @param <T> what is sent
 */
public interface BatchPublisher<T> {

    /**
     * Service and transport errors come back as {@link ServiceCall.Failed} for the entries they concern; only a bug
     * throws.
     *
     * @return one result per entry, in the order given: the service's id for it, or why it did not get there
     */
    List<ServiceCall<String>> send(List<T> entries, Duration timeout);
}

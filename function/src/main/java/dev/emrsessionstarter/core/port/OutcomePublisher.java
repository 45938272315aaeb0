package dev.emrsessionstarter.core.port;

import java.time.Duration;
import java.util.List;

/** Publishes outcome events. One call sends each event once: retrying failed ones is the caller's decision. */
public interface OutcomePublisher {

    /**
     * Sends the events, in as few calls as the service allows, and reports each one's fate. Service and transport
     * errors come back as {@link PublishResult.Failed} for the events they concern; only a bug throws.
     *
     * @return one result per event, in the order given
     */
    List<PublishResult> publish(List<OutcomeEvent> events, Duration timeout);
}

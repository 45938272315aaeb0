package dev.emrsessionstarter.core.port;

import java.time.Duration;
import java.util.List;

/** Schedules readiness checks on the watch queue. One call sends each check once: retrying is the caller's decision. */
public interface CheckScheduler {

    /**
     * Sends the checks, in as few calls as the service allows, each to become visible after its delay. Service and
     * transport errors come back as {@link PublishResult.Failed} for the checks they concern; only a bug throws.
     *
     * @return one result per check, in the order given
     */
    List<PublishResult> schedule(List<ScheduledCheck> checks, Duration timeout);
}

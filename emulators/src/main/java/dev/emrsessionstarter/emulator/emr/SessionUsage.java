package dev.emrsessionstarter.emulator.emr;

import java.time.Duration;
import java.time.Instant;

/**
 * What a session has used, as GetSession reports it: its run time from {@code startedAt} to {@code endedAt} (or to
 * now while it runs), rounded up to the second, times the {@link UsageRates}. The billed figures count at least
 * {@link #BILLED_MINIMUM} once the session has started, as EMR Serverless bills a minimum per worker. A session that
 * never started (still starting, or failed or terminated before it started) has used nothing; whether AWS charges
 * start-up time is UNCONFIRMED.
 */
public record SessionUsage(long totalExecutionDurationSeconds, ResourceHours total, ResourceHours billed) {

    public static final Duration BILLED_MINIMUM = Duration.ofMinutes(1);

    /** The model's ResourceUtilization and TotalResourceUtilization: vCPU-hours, GB-hours of memory and of storage. */
    public record ResourceHours(double vCpuHour, double memoryGbHour, double storageGbHour) {
        static final ResourceHours NONE = new ResourceHours(0, 0, 0);
    }

    static final SessionUsage NONE = new SessionUsage(0, ResourceHours.NONE, ResourceHours.NONE);

    static SessionUsage of(SessionStatus status, Instant now, UsageRates rates) {
        Instant startedAt = status.startedAt();
        if (startedAt == null) {
            return NONE;
        }
        Instant end = status.endedAt() != null ? status.endedAt() : now;
        long millis = Math.max(0, Duration.between(startedAt, end).toMillis());
        long seconds = (millis + 999) / 1000;
        long billedSeconds = Math.max(seconds, BILLED_MINIMUM.toSeconds());
        double hours = seconds / 3600.0;
        double billedHours = billedSeconds / 3600.0;
        return new SessionUsage(seconds,
                new ResourceHours(rates.vCpu() * hours, rates.memoryGb() * hours, rates.storageGb() * hours),
                new ResourceHours(rates.vCpu() * billedHours, rates.memoryGb() * billedHours,
                        Math.max(0, rates.storageGb() - rates.freeStorageGb()) * billedHours));
    }
}

package dev.emrsessionstarter.emulator.emr;

/**
 * What a running session uses per hour, for the usage figures GetSession reports ({@code totalResourceUtilization},
 * {@code billedResourceUtilization}). The emulator runs no workers: a session is charged these fixed rates for as long
 * as it runs, whatever it does.
 *
 * @param vCpu vCPUs in use while the session runs
 * @param memoryGb memory in GB
 * @param storageGb storage in GB
 * @param freeStorageGb storage left out of the billed figure. The model documents billed storage as "additional
 *     storage over 20 GB per worker"; the default, 0, bills all of it, so every billed figure is at least the total
 */
public record UsageRates(double vCpu, double memoryGb, double storageGb, double freeStorageGb) {

    public UsageRates {
        for (double rate : new double[] {vCpu, memoryGb, storageGb, freeStorageGb}) {
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("usage rates must be finite and zero or positive");
            }
        }
    }

    /** A driver and one default worker's worth, together: 4 vCPU, 16 GB memory, 20 GB storage, all storage billed. */
    public static UsageRates defaults() {
        return new UsageRates(4, 16, 20, 0);
    }

    /** These rates with {@code freeStorageGb} left out of billed storage (20 models one worker's free allowance). */
    public UsageRates withFreeStorageGb(double freeStorageGb) {
        return new UsageRates(vCpu, memoryGb, storageGb, freeStorageGb);
    }
}

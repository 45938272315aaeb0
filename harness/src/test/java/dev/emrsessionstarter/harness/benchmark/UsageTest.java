package dev.emrsessionstarter.harness.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UsageTest {

    @Test
    void lambda_bills_each_invocation_rounded_up_to_the_millisecond() {
        assertThat(Usage.billedMillis(200_000_000)).isEqualTo(200);
        assertThat(Usage.billedMillis(200_000_001)).isEqualTo(201);
        assertThat(Usage.billedMillis(1)).isEqualTo(1);
    }

    @Test
    void counts_scale_to_a_thousand_requests() {
        assertThat(Usage.perThousand(101, 1000)).isEqualTo(101);
        assertThat(Usage.perThousand(80, 200)).isEqualTo(400);
    }

    @Test
    void a_thousand_requests_in_batches_of_ten_at_250_ms_and_512_mb() {
        // 100 invocations of 250 ms at 0.5 GB: 12.5 GB-s; 200 SQS calls; 100 PutEvents with 1,000 entries.
        Usage usage = new Usage(100, 100 * 250, 512, 200, 100, 1000, 1000, 0);
        Prices prices = new Prices(0.0000166667, 0.20 / 1e6, 0.40 / 1e6, 1.00 / 1e6);

        assertThat(usage.gbSeconds()).isCloseTo(12.5, within(1e-12));
        assertThat(usage.lambdaDollars(prices)).isCloseTo(12.5 * 0.0000166667 + 100 * 0.20 / 1e6, within(1e-15));
        assertThat(usage.sqsDollars(prices)).isCloseTo(0.00008, within(1e-15));
        assertThat(usage.eventDollars(prices)).isCloseTo(0.001, within(1e-15));
        assertThat(usage.dollars(prices)).isCloseTo(0.000208333750 + 0.00002 + 0.00008 + 0.001, within(1e-12));
    }
}

package dev.emrsessionstarter.harness.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SQS event source mappings read from {@code template.yaml}, as the throughput benchmark takes them. */
class SqsEventSourceTest {

    private static final Map<String, String> REQUIRED = Map.of(
            "AllowedApplicationIds", "00fkabc123xyz",
            "AllowedExecutionRoleArns", "arn:aws:iam::123456789012:role/EmrSessionRole");

    @Test
    void the_request_queue_mapping_takes_the_template_defaults() {
        SqsEventSource source = SamTemplate.load(Path.of("template.yaml"), REQUIRED)
                .sqsEventSource("SqsSessionRequestFunction");

        assertThat(source).isEqualTo(new SqsEventSource(10, 0, 5));
    }

    @Test
    void the_maximum_concurrency_follows_its_parameter() {
        Map<String, String> parameters = new java.util.HashMap<>(REQUIRED);
        parameters.put("SqsMaximumConcurrency", "10");

        assertThat(SamTemplate.load(Path.of("template.yaml"), parameters).sqsEventSource("SqsSessionRequestFunction")
                .maximumConcurrency()).isEqualTo(10);
    }
}

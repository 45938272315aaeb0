package dev.emrsessionstarter.core.reading;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated session request, with the deployment's defaults applied.
 *
 * <p>{@code runtimeConfiguration}, {@code tags}, {@code name}, {@code idleTimeoutMinutes},
 * {@code idempotencyKey}, {@code clientToken} and {@code correlationId} are null when the producer left them out.
 */
public record SessionRequest(
        String applicationId,
        String executionRoleArn,
        String name,
        Long idleTimeoutMinutes,
        List<RuntimeConfiguration> runtimeConfiguration,
        Map<String, String> tags,
        String idempotencyKey,
        String clientToken,
        String correlationId) {

    public SessionRequest {
        runtimeConfiguration = runtimeConfiguration == null ? null : List.copyOf(runtimeConfiguration);
        tags = tags == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }
}

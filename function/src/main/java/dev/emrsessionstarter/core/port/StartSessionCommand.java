package dev.emrsessionstarter.core.port;

import dev.emrsessionstarter.core.reading.RuntimeConfiguration;
import java.util.List;
import java.util.Map;

/**
 * One StartSession call, with its client token always set. Optional members are null when absent.
 * {@link #toString()} hides configuration property values.
 */
public record StartSessionCommand(
        String applicationId,
        String clientToken,
        String executionRoleArn,
        String name,
        Long idleTimeoutMinutes,
        List<RuntimeConfiguration> runtimeConfiguration,
        Map<String, String> tags) {

    public StartSessionCommand {
        if (clientToken == null || clientToken.isEmpty()) {
            throw new IllegalArgumentException("Every StartSession carries an explicit client token");
        }
    }
}

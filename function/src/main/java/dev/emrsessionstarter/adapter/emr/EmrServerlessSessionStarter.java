package dev.emrsessionstarter.adapter.emr;

import dev.emrsessionstarter.adapter.ServiceError;
import dev.emrsessionstarter.core.port.SessionStarter;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.StartSessionCommand;
import dev.emrsessionstarter.core.port.StartedSession;
import dev.emrsessionstarter.core.reading.RuntimeConfiguration;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import dev.emrsessionstarter.internal.emrserverless.model.Configuration;
import dev.emrsessionstarter.internal.emrserverless.model.StartSessionRequest;
import dev.emrsessionstarter.internal.emrserverless.model.StartSessionResponse;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/** Starts sessions through the EMR Serverless API (the client generated from the service model). */
public final class EmrServerlessSessionStarter implements SessionStarter {

    private final EmrServerlessClient client;

    public EmrServerlessSessionStarter(EmrServerlessClient client) {
        this.client = client;
    }

    @Override
    public ServiceCall<StartedSession> start(StartSessionCommand command, Duration timeout) {
        try {
            StartSessionResponse response = client.startSession(toRequest(command, timeout));
            if (response.sessionId() == null || response.arn() == null) {
                return ServiceCall.Failed.of("InvalidResponse", "StartSession answered without a session id or ARN",
                        true);
            }
            String applicationId = response.applicationId() != null ? response.applicationId() : command.applicationId();
            return new ServiceCall.Answered<>(new StartedSession(applicationId, response.sessionId(), response.arn()));
        } catch (SdkException failure) {
            return ServiceError.of(failure, "StartSession", timeout);
        }
    }

    /** Every member is set explicitly, the client token above all: the SDK would otherwise invent a random one. */
    public static StartSessionRequest toRequest(StartSessionCommand command, Duration timeout) {
        StartSessionRequest.Builder request = StartSessionRequest.builder()
                .applicationId(command.applicationId())
                .clientToken(command.clientToken())
                .executionRoleArn(command.executionRoleArn())
                .name(command.name())
                .idleTimeoutMinutes(command.idleTimeoutMinutes())
                .tags(command.tags());
        if (command.runtimeConfiguration() != null) {
            request.configurationOverrides(overrides ->
                    overrides.runtimeConfiguration(toConfigurations(command.runtimeConfiguration())));
        }
        if (timeout != null) {
            request.overrideConfiguration(override -> override.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout));
        }
        return request.build();
    }

    private static List<Configuration> toConfigurations(List<RuntimeConfiguration> configurations) {
        return configurations.stream()
                .map(configuration -> Configuration.builder()
                        .classification(configuration.classification())
                        .properties(configuration.properties())
                        .configurations(configuration.configurations() == null
                                ? null
                                : toConfigurations(configuration.configurations()))
                        .build())
                .toList();
    }
}

package dev.emrsessionstarter.adapter.emr;

import dev.emrsessionstarter.adapter.ServiceError;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.port.SessionMonitor;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import dev.emrsessionstarter.internal.emrserverless.model.Configuration;
import dev.emrsessionstarter.internal.emrserverless.model.GetSessionRequest;
import dev.emrsessionstarter.internal.emrserverless.model.GetSessionResponse;
import dev.emrsessionstarter.internal.emrserverless.model.ResourceUtilization;
import dev.emrsessionstarter.internal.emrserverless.model.Session;
import dev.emrsessionstarter.internal.emrserverless.model.TotalResourceUtilization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;

/** Reads and terminates sessions through the EMR Serverless API. */
public final class EmrServerlessSessionMonitor implements SessionMonitor {

    private final EmrServerlessClient client;

    public EmrServerlessSessionMonitor(EmrServerlessClient client) {
        this.client = client;
    }

    @Override
    public ServiceCall<SessionState> read(String applicationId, String sessionId, Duration timeout) {
        try {
            GetSessionResponse response = client.getSession(request(applicationId, sessionId, timeout));
            if (response.session() == null || response.session().stateAsString() == null) {
                return ServiceCall.Failed.of("InvalidResponse", "GetSession answered without a session state", true);
            }
            Session session = response.session();
            return new ServiceCall.Answered<>(new SessionState(session.stateAsString(), session.stateDetails(),
                    session.createdAt(), session.updatedAt(), session.startedAt(), session.executionRoleArn(),
                    configurationValues(session),
                    new SessionMonitor.History(session.idleSince(), session.endedAt(), session.idleTimeoutMinutes()),
                    usage(session), session.tags()));
        } catch (SdkException failure) {
            return ServiceError.of(failure, "GetSession", timeout);
        }
    }

    private static SessionMonitor.Usage usage(Session session) {
        if (session.totalExecutionDurationSeconds() == null && session.totalResourceUtilization() == null
                && session.billedResourceUtilization() == null) {
            return null;
        }
        return new SessionMonitor.Usage(session.totalExecutionDurationSeconds(),
                total(session.totalResourceUtilization()), billed(session.billedResourceUtilization()));
    }

    private static SessionMonitor.Resources total(TotalResourceUtilization used) {
        return used == null ? null
                : new SessionMonitor.Resources(used.vcpuHour(), used.memoryGBHour(), used.storageGBHour());
    }

    private static SessionMonitor.Resources billed(ResourceUtilization billed) {
        return billed == null ? null
                : new SessionMonitor.Resources(billed.vcpuHour(), billed.memoryGBHour(), billed.storageGBHour());
    }

    /** Every property value of the session's configuration, nested ones too. */
    private static List<String> configurationValues(Session session) {
        List<String> values = new ArrayList<>();
        if (session.configurationOverrides() != null) {
            collect(session.configurationOverrides().runtimeConfiguration(), values);
        }
        return values;
    }

    private static void collect(List<Configuration> configurations, List<String> values) {
        for (Configuration configuration : configurations) {
            values.addAll(configuration.properties().values());
            collect(configuration.configurations(), values);
        }
    }

    /** The GetSession request for one session. */
    public static GetSessionRequest request(String applicationId, String sessionId, Duration timeout) {
        return GetSessionRequest.builder().applicationId(applicationId).sessionId(sessionId)
                .overrideConfiguration(timeout(timeout)).build();
    }

    @Override
    public ServiceCall<Void> terminate(String applicationId, String sessionId, Duration timeout) {
        try {
            client.terminateSession(request -> request.applicationId(applicationId).sessionId(sessionId)
                    .overrideConfiguration(timeout(timeout)));
            return new ServiceCall.Answered<>(null);
        } catch (SdkException failure) {
            return ServiceError.of(failure, "TerminateSession", timeout);
        }
    }

    @Override
    public ServiceCall<String> endpoint(String applicationId, String sessionId, Duration timeout) {
        try {
            // The answer's authToken is a credential: only the endpoint is read out of it.
            String endpoint = client.getSessionEndpoint(request -> request.applicationId(applicationId)
                    .sessionId(sessionId).overrideConfiguration(timeout(timeout))).endpoint();
            return endpoint == null ? ServiceCall.Failed.of("InvalidResponse",
                    "GetSessionEndpoint answered without an endpoint", true) : new ServiceCall.Answered<>(endpoint);
        } catch (SdkException failure) {
            return ServiceError.of(failure, "GetSessionEndpoint", timeout);
        }
    }

    private static AwsRequestOverrideConfiguration timeout(Duration timeout) {
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(timeout).apiCallAttemptTimeout(timeout)
                .build();
    }
}

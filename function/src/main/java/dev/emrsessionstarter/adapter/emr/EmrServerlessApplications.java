package dev.emrsessionstarter.adapter.emr;

import dev.emrsessionstarter.adapter.ServiceError;
import dev.emrsessionstarter.core.port.Applications;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.internal.emrserverless.EmrServerlessClient;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;

/** Reads and starts applications through the EMR Serverless API. */
public final class EmrServerlessApplications implements Applications {

    private final EmrServerlessClient client;

    public EmrServerlessApplications(EmrServerlessClient client) {
        this.client = client;
    }

    @Override
    public ServiceCall<Applications.Application> read(String applicationId, Duration timeout) {
        try {
            dev.emrsessionstarter.internal.emrserverless.model.Application application = client.getApplication(
                    request -> request.applicationId(applicationId).overrideConfiguration(override -> override
                            .apiCallTimeout(timeout).apiCallAttemptTimeout(timeout))).application();
            if (application == null) {
                return ServiceCall.Failed.of("InvalidResponse", "GetApplication answered without an application",
                        true);
            }
            return new ServiceCall.Answered<>(new Applications.Application(application.stateAsString(),
                    application.releaseLabel(),
                    application.autoStartConfiguration() == null ? null
                            : application.autoStartConfiguration().enabled(),
                    application.interactiveConfiguration() == null ? null
                            : application.interactiveConfiguration().sessionEnabled()));
        } catch (SdkException failure) {
            return ServiceError.of(failure, "GetApplication", timeout);
        }
    }

    @Override
    public ServiceCall<Void> start(String applicationId, Duration timeout) {
        try {
            client.startApplication(request -> request.applicationId(applicationId)
                    .overrideConfiguration(override -> override.apiCallTimeout(timeout)
                            .apiCallAttemptTimeout(timeout)));
            return new ServiceCall.Answered<>(null);
        } catch (SdkException failure) {
            return ServiceError.of(failure, "StartApplication", timeout);
        }
    }
}

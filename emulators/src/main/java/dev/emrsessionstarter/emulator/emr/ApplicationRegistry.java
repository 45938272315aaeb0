package dev.emrsessionstarter.emulator.emr;

import dev.emrsessionstarter.emulator.http.ServiceError;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The applications the emulator knows, configured by its owner. Thread-safe. */
final class ApplicationRegistry {

    private final ConcurrentMap<String, RegisteredApplication> applications = new ConcurrentHashMap<>();
    private final Clock clock;
    private final String region;
    private final String accountId;

    ApplicationRegistry(Clock clock, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    void add(Application application) {
        String arn = "arn:aws:emr-serverless:" + region + ":" + accountId + ":/applications/" + application.id();
        applications.put(application.id(),
                new RegisteredApplication(application, arn, clock.instant(), clock.instant()));
    }

    void setState(String applicationId, ApplicationState state) {
        if (applications.computeIfPresent(applicationId, (id, current) -> current.withState(state, clock.instant()))
                == null) {
            throw new IllegalArgumentException("no application " + applicationId);
        }
    }

    Optional<RegisteredApplication> find(String applicationId) {
        return Optional.ofNullable(applications.get(applicationId));
    }

    /** The application, or 404 {@code ResourceNotFoundException}. */
    RegisteredApplication require(String applicationId) {
        return find(applicationId).orElseThrow(() -> new ServiceError(404, "ResourceNotFoundException",
                "Application " + applicationId + " does not exist."));
    }
}

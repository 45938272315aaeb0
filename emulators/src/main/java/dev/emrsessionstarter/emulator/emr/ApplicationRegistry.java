package dev.emrsessionstarter.emulator.emr;

import dev.emrsessionstarter.emulator.http.ServiceError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The applications the emulator knows, configured by its owner, each read as it is now. Thread-safe. */
final class ApplicationRegistry {

    private final ConcurrentMap<String, RegisteredApplication> applications = new ConcurrentHashMap<>();
    private final Clock clock;
    private final String region;
    private final String accountId;
    private final Duration starting;

    ApplicationRegistry(Clock clock, String region, String accountId, Duration starting) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.starting = starting;
    }

    void add(Application application) {
        String arn = "arn:aws:emr-serverless:" + region + ":" + accountId + ":/applications/" + application.id();
        applications.put(application.id(),
                new RegisteredApplication(application, arn, clock.instant(), clock.instant(), null));
    }

    /** Sets the state now; a start under way is dropped. */
    void setState(String applicationId, ApplicationState state) {
        if (applications.computeIfPresent(applicationId, (id, current) -> current.withState(state, clock.instant()))
                == null) {
            throw new IllegalArgumentException("no application " + applicationId);
        }
    }

    /**
     * StartApplication: a CREATED or STOPPED application becomes STARTING, then STARTED after the configured
     * duration; one STARTING or STARTED is left as it is (the operation is idempotent). Unknown: 404. Any other state
     * is a 400 {@code ValidationException}: TERMINATED can never start again; for CREATING and STOPPING the real
     * answer is UNCONFIRMED (AWS may accept and queue the start), and refusing is the side a caller can see.
     */
    void start(String applicationId) {
        require(applicationId);
        Instant now = clock.instant();
        applications.computeIfPresent(applicationId, (id, stored) -> {
            RegisteredApplication current = stored.at(now);
            ApplicationState state = current.application().state();
            return switch (state) {
                case STARTING, STARTED -> current;
                case CREATED, STOPPED -> current.starting(now, now.plus(starting));
                case CREATING, STOPPING, TERMINATED -> throw ServiceError.validation("Application " + applicationId
                        + " is " + state + "; only a CREATED or STOPPED application can be started.");
            };
        });
    }

    /** Every application as it is now, by id. */
    List<RegisteredApplication> all() {
        Instant now = clock.instant();
        return applications.values().stream().map(stored -> stored.at(now))
                .sorted(Comparator.comparing(registered -> registered.application().id())).toList();
    }

    /** The application as it is now. */
    Optional<RegisteredApplication> find(String applicationId) {
        return Optional.ofNullable(applications.get(applicationId)).map(stored -> stored.at(clock.instant()));
    }

    /** The application as it is now, or 404 {@code ResourceNotFoundException}. */
    RegisteredApplication require(String applicationId) {
        return find(applicationId).orElseThrow(() -> new ServiceError(404, "ResourceNotFoundException",
                "Application " + applicationId + " does not exist."));
    }
}

package dev.emrsessionstarter.core.starting;

import dev.emrsessionstarter.core.port.Applications;
import dev.emrsessionstarter.core.port.ServiceCall;
import dev.emrsessionstarter.core.retry.Deadline;
import dev.emrsessionstarter.core.retry.ServiceRetries;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says why an application refused StartSession, in this function's words rather than only the service's
 * (docs/contract.md section 4): it must be STARTED or have auto-start, have interactive sessions enabled, and run
 * emr-7.13.0 or later. GetApplication is read once per application and execution environment, and again after the
 * function started the application.
 */
public final class ApplicationCheck {

    static final int[] FIRST_RELEASE_WITH_SESSIONS = {7, 13, 0};

    /**
     * Why an application cannot take sessions.
     *
     * @param startable whether StartApplication would cure it (stopped or created, without auto-start)
     */
    public record Refusal(String reason, boolean startable) {
    }

    private final Applications applications;
    private final ServiceRetries retries;
    private final Map<String, Applications.Application> read = new ConcurrentHashMap<>();

    public ApplicationCheck(Applications applications, ServiceRetries retries) {
        this.applications = applications;
        this.retries = retries;
    }

    /** @return why, or empty when GetApplication sees nothing wrong or cannot say */
    public Optional<Refusal> whyNot(String applicationId, Deadline deadline) {
        Applications.Application application = read.get(applicationId);
        if (application == null) {
            ServiceCall<Applications.Application> call = retries.call(
                    timeout -> applications.read(applicationId, timeout), failed -> failed.retryable(), deadline);
            if (!(call instanceof ServiceCall.Answered<Applications.Application> answered)) {
                return Optional.empty();
            }
            application = answered.answer();
            read.put(applicationId, application);
        }
        return refusal(application);
    }

    /** StartApplication; @return whether the service accepted it */
    public boolean start(String applicationId, Deadline deadline) {
        read.remove(applicationId);
        return retries.call(timeout -> applications.start(applicationId, timeout), failed -> failed.retryable(),
                deadline) instanceof ServiceCall.Answered;
    }

    static Optional<Refusal> refusal(Applications.Application application) {
        if (Boolean.FALSE.equals(application.sessionsEnabled())) {
            return Optional.of(new Refusal("interactive sessions are not enabled on the application "
                    + "(interactiveConfiguration.sessionEnabled is false)", false));
        }
        if (application.releaseLabel() != null && before(application.releaseLabel(), FIRST_RELEASE_WITH_SESSIONS)) {
            return Optional.of(new Refusal("the application runs " + application.releaseLabel()
                    + "; sessions need emr-7.13.0 or later", false));
        }
        String state = application.state();
        if ("TERMINATED".equals(state)) {
            return Optional.of(new Refusal("the application is TERMINATED", false));
        }
        if (!"STARTED".equals(state) && Boolean.FALSE.equals(application.autoStart())) {
            return Optional.of(new Refusal("the application is " + state + " and has no auto-start",
                    "STOPPED".equals(state) || "CREATED".equals(state)));
        }
        return Optional.empty();
    }

    /** Whether a release label such as {@code emr-7.12.0} is before the given version. */
    static boolean before(String releaseLabel, int[] version) {
        String[] parts = releaseLabel.replaceFirst("^emr-", "").split("[.-]");
        for (int i = 0; i < version.length; i++) {
            int part;
            try {
                part = i < parts.length ? Integer.parseInt(parts[i]) : 0;
            } catch (NumberFormatException notANumber) {
                return false; // a label this function does not know: leave the judgement to the service
            }
            if (part != version[i]) {
                return part < version[i];
            }
        }
        return false;
    }
}

package dev.emrsessionstarter.emulator.emr;

import dev.emrsessionstarter.emulator.http.ServiceError;

/**
 * Whether an application accepts a new session, per the StartSession documentation: EMR release 7.13.0 or later,
 * interactive sessions enabled ({@code interactiveConfiguration.sessionEnabled}), and the application STARTED or
 * with auto-start enabled.
 *
 * <p>Which error the real service returns for each refusal is UNCONFIRMED (no primary source). All three answer 400
 * {@code ValidationException} here: the request can never succeed as it stands, so a caller must treat it as
 * permanent, and that is the outcome a ValidationException already gets. The real service might use
 * {@code ConflictException} for a stopped application; a caller that treats ConflictException as transient then
 * retries until its budget runs out, which is safe.
 */
final class SessionAdmission {

    private SessionAdmission() {
    }

    static void requireStartable(Application application) {
        boolean recentEnough = ReleaseLabel.parse(application.releaseLabel())
                .map(version -> version.isAtLeast(ReleaseLabel.FIRST_WITH_SESSIONS))
                .orElse(false);
        if (!recentEnough) {
            throw ServiceError.validation("Interactive sessions require release " + ReleaseLabel.FIRST_WITH_SESSIONS
                    + " or later; application " + application.id() + " uses " + application.releaseLabel() + ".");
        }
        if (!application.sessionEnabled()) {
            throw ServiceError.validation("Interactive sessions are not enabled for application " + application.id()
                    + ". Enable interactiveConfiguration.sessionEnabled.");
        }
        if (!canRunSessions(application)) {
            throw ServiceError.validation("Application " + application.id() + " is " + application.state()
                    + "; it must be STARTED or have auto-start enabled.");
        }
    }

    /** Auto-start can bring up a created or stopped application, not one being created or one terminated. */
    private static boolean canRunSessions(Application application) {
        return switch (application.state()) {
            case STARTED -> true;
            case CREATED, STARTING, STOPPING, STOPPED -> application.autoStartEnabled();
            case CREATING, TERMINATED -> false;
        };
    }
}

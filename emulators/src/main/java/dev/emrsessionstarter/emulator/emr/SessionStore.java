package dev.emrsessionstarter.emulator.emr;

import dev.emrsessionstarter.emulator.http.ServiceError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions, the client-token index and the creation counter. Starting a session is one atomic step under the
 * store's lock, so concurrent calls with the same token create exactly one session.
 */
final class SessionStore {

    private final Map<String, StoredSession> byId = new HashMap<>();
    private final Map<String, StoredSession> byClientToken = new HashMap<>();
    private final List<StoredSession> inCreationOrder = new ArrayList<>();
    private final Map<String, List<StoredSession>> byApplication = new HashMap<>();
    private final ActiveSessions active = new ActiveSessions();
    private final IdGenerator ids;
    private final String region;
    private final String accountId;
    private final String createdBy;
    private final SessionTimings timings;
    private final SessionStartups startups;
    private int created;

    SessionStore(IdGenerator ids, String region, String accountId, String createdBy, SessionTimings timings,
                 SessionStartups startups) {
        this.ids = ids;
        this.region = region;
        this.accountId = accountId;
        this.createdBy = createdBy;
        this.timings = timings;
        this.startups = startups;
    }

    /** The outcome of a StartSession: the session, and whether this call created it. */
    record Started(StoredSession session, boolean created) {
    }

    /**
     * Starts a session, or replays the one an earlier call with the same client token started.
     *
     * <p>The replay comes before the admission and quota checks on purpose: a retry of a call that succeeded must get
     * its session back even if the application has since stopped or the quota has since filled up.
     */
    synchronized Started start(Application application, SessionRequest request, Instant now) {
        StoredSession earlier = byClientToken.get(tokenKey(application.id(), request.clientToken()));
        if (earlier != null) {
            if (!earlier.request().parameters().equals(request.parameters())) {
                throw new ServiceError(409, "ConflictException", "Client token " + request.clientToken()
                        + " was already used with different parameters.");
            }
            return new Started(earlier, false);
        }
        SessionAdmission.requireStartable(application);
        long activeNow = active.activeAt(application.id(), now);
        if (activeNow >= application.maxConcurrentSessions()) {
            throw new ServiceError(402, "ServiceQuotaExceededException", "Application " + application.id()
                    + " already has the maximum of " + application.maxConcurrentSessions() + " active sessions.");
        }
        String sessionId = uniqueId(application.id(), request.clientToken());
        String arn = "arn:aws:emr-serverless:" + region + ":" + accountId + ":/applications/" + application.id()
                + "/sessions/" + sessionId;
        StoredSession session = new StoredSession(application.id(), sessionId, arn, application.releaseLabel(),
                createdBy, request, now, timings, startups.forNewSession(request.clientToken()));
        byId.put(idKey(application.id(), sessionId), session);
        byClientToken.put(tokenKey(application.id(), request.clientToken()), session);
        inCreationOrder.add(session);
        byApplication.computeIfAbsent(application.id(), unused -> new ArrayList<>()).add(session);
        active.add(session);
        created++;
        return new Started(session, true);
    }

    synchronized Optional<StoredSession> find(String applicationId, String sessionId) {
        return Optional.ofNullable(byId.get(idKey(applicationId, sessionId)));
    }

    StoredSession require(String applicationId, String sessionId) {
        return find(applicationId, sessionId).orElseThrow(() -> new ServiceError(404, "ResourceNotFoundException",
                "Session " + sessionId + " does not exist in application " + applicationId + "."));
    }

    synchronized List<StoredSession> sessionsOf(String applicationId) {
        return List.copyOf(byApplication.getOrDefault(applicationId, List.of()));
    }

    /** Starts termination of the session at {@code now}, as {@link StoredSession#terminate} says. */
    synchronized void terminate(StoredSession session, Instant now) {
        session.terminate(now);
        active.endChanged(session);
    }

    /** Fails the session at {@code now}, as {@link StoredSession#fail} says. */
    synchronized void fail(StoredSession session, Instant now, String details) {
        session.fail(now, details);
        active.endChanged(session);
    }

    /** Every session of every application, in creation order. */
    synchronized List<StoredSession> all() {
        return List.copyOf(inCreationOrder);
    }

    synchronized int created() {
        return created;
    }

    /** The session id drawn for the application and client token; drawn again in the rare case it is taken. */
    private String uniqueId(String applicationId, String clientToken) {
        String key = tokenKey(applicationId, clientToken);
        String id;
        int attempt = 0;
        do {
            id = ids.next(key, ++attempt);
        } while (byId.containsKey(idKey(applicationId, id)));
        return id;
    }

    private static String idKey(String applicationId, String sessionId) {
        return applicationId + "/" + sessionId;
    }

    /** Tokens are scoped per application: the same token on two applications starts two sessions. */
    private static String tokenKey(String applicationId, String clientToken) {
        return applicationId + "\n" + clientToken;
    }
}

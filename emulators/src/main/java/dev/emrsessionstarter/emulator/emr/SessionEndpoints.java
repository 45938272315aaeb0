package dev.emrsessionstarter.emulator.emr;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * GetSessionEndpoint's answers: the session's endpoint URL and a freshly minted authentication token per call.
 *
 * <p>The token is a secret (SessionAuthToken is {@code sensitive} in the model): nothing here logs it, it is in no
 * error message and in no {@code /_emulator/} view. The tokens minted are kept, in order, only for
 * {@link EmrServerlessEmulator#mintedAuthTokens()}, so a test can check that they appear nowhere they should not.
 * Thread-safe.
 */
final class SessionEndpoints {

    /** The session states that have an endpoint to connect to. */
    static final Set<SessionState> CONNECTABLE = Set.of(SessionState.STARTED, SessionState.IDLE, SessionState.BUSY);
    /** The token's life. AWS documents the token as time-limited; one hour is UNCONFIRMED (a third-party figure). */
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    /** 768 random bytes: 1024 base64 characters, well inside the model's 1..8000. */
    private static final int TOKEN_BYTES = 768;

    private final SecureRandom random = new SecureRandom();
    private final List<String> minted = new ArrayList<>();
    private final String region;

    SessionEndpoints(String region) {
        this.region = region;
    }

    /**
     * A stand-in shape: AWS's models give only "the endpoint URL for connecting to the session" (EndpointUrl, 1..256
     * characters). This one is unique per session and well-formed; nothing answers at it.
     */
    String endpoint(StoredSession session) {
        return "https://" + session.sessionId() + "." + session.applicationId() + ".emr-serverless-sessions." + region
                + ".amazonaws.com";
    }

    /** A new token, different on every call, recorded as minted. */
    String mintToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getEncoder().encodeToString(bytes);
        synchronized (minted) {
            minted.add(token);
        }
        return token;
    }

    static Instant expiresAt(Instant mintedAt) {
        return mintedAt.plus(TOKEN_LIFETIME);
    }

    List<String> minted() {
        synchronized (minted) {
            return List.copyOf(minted);
        }
    }
}

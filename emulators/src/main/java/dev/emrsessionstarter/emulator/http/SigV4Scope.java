package dev.emrsessionstarter.emulator.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the credential scope of a SigV4 {@code Authorization} header, not the signature itself: enough to catch a
 * client that forgot to sign, signs for the wrong service name or the wrong region, which the real endpoint rejects
 * with 403 before looking at the request.
 */
public final class SigV4Scope {

    private static final Pattern CREDENTIAL =
            Pattern.compile("Credential=[^/,\\s]+/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request");

    private SigV4Scope() {
    }

    /** A refusal (error code and message, as AWS words them), or empty when the scope is right. */
    public static Optional<Refusal> check(String authorization, String service, String region) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(new Refusal("MissingAuthenticationTokenException", "Missing Authentication Token"));
        }
        Matcher matcher = CREDENTIAL.matcher(authorization);
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ") || !matcher.find()) {
            return Optional.of(new Refusal("IncompleteSignatureException",
                    "Authorization header requires 'Credential' parameter."));
        }
        if (!matcher.group(3).equals(service)) {
            return Optional.of(new Refusal("InvalidSignatureException",
                    "Credential should be scoped to correct service: '" + service + "'."));
        }
        if (!matcher.group(2).equals(region)) {
            return Optional.of(new Refusal("InvalidSignatureException",
                    "Credential should be scoped to a valid region."));
        }
        return Optional.empty();
    }

    public record Refusal(String code, String message) {
    }
}

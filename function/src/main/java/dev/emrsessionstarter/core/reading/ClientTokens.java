package dev.emrsessionstarter.core.reading;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Derives the EMR Serverless {@code clientToken} from a request's identity, so that every retry, redelivery or replay
 * of one request carries the same token and EMR Serverless starts at most one session for it.
 *
 * <p>The token is {@code "ess1-"} followed by the unpadded base64url SHA-256 of
 * {@code applicationId + "\n" + identity}, both encoded as UTF-8: 48 characters of {@code [A-Za-z0-9_-]}, within the
 * API's {@code ^[A-Za-z0-9._-]{1,64}$} for an identity of any length or content. Hashing (rather than truncating or
 * escaping the identity) keeps distinct identities apart: a collision needs a SHA-256 collision. The prefix names
 * the scheme, so a future scheme cannot collide with this one. Strings that are not well-formed UTF-16 (lone
 * surrogates) are encoded as WTF-8, which keeps the encoding one-to-one.
 */
public final class ClientTokens {

    public static final String PREFIX = "ess1-";

    private ClientTokens() {
    }

    public static String derive(RequestIdentity identity, String applicationId) {
        return derive(identity.value(), applicationId);
    }

    public static String derive(String identity, String applicationId) {
        MessageDigest sha256 = sha256();
        sha256.update(applicationId.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(wtf8(identity));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }

    /**
     * UTF-8 that also encodes lone surrogates (as UTF-8 would encode their code points), instead of replacing them
     * with '?' the way {@link String#getBytes} does, which would make two identities share a token.
     */
    static byte[] wtf8(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        text.codePoints().forEach(codePoint -> {
            if (codePoint < 0x80) {
                out.write(codePoint);
            } else if (codePoint < 0x800) {
                out.write(0xC0 | (codePoint >> 6));
                out.write(0x80 | (codePoint & 0x3F));
            } else if (codePoint < 0x10000) {
                out.write(0xE0 | (codePoint >> 12));
                out.write(0x80 | ((codePoint >> 6) & 0x3F));
                out.write(0x80 | (codePoint & 0x3F));
            } else {
                out.write(0xF0 | (codePoint >> 18));
                out.write(0x80 | ((codePoint >> 12) & 0x3F));
                out.write(0x80 | ((codePoint >> 6) & 0x3F));
                out.write(0x80 | (codePoint & 0x3F));
            }
        });
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java platform must support SHA-256", impossible);
        }
    }
}

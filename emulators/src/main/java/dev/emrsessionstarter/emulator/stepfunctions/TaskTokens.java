package dev.emrsessionstarter.emulator.stepfunctions;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Task tokens shaped like Step Functions' own: opaque base64 text several hundred characters long (well within the
 * model's 2048). Inside: a format version, seeded random bytes and a CRC-32 of them, so the emulator can tell a token
 * it could have issued (well-formed) from a made-up or damaged one, which Step Functions answers with
 * {@code InvalidToken}. Nothing in a token depends on the emulator instance: a token from another emulator is
 * well-formed here, but unknown.
 */
final class TaskTokens {

    private static final int BYTES = 480;
    private static final byte[] VERSION = {1, 0};
    private static final int CHECKSUM_BYTES = Integer.BYTES;

    private final Random random;

    TaskTokens(long seed) {
        this.random = new Random(seed);
    }

    synchronized String next() {
        byte[] token = new byte[BYTES];
        random.nextBytes(token);
        System.arraycopy(VERSION, 0, token, 0, VERSION.length);
        ByteBuffer.wrap(token).putInt(BYTES - CHECKSUM_BYTES, checksum(token));
        return Base64.getEncoder().encodeToString(token);
    }

    static boolean isWellFormed(String text) {
        byte[] token;
        try {
            token = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return token.length == BYTES
                && Arrays.equals(token, 0, VERSION.length, VERSION, 0, VERSION.length)
                && ByteBuffer.wrap(token).getInt(BYTES - CHECKSUM_BYTES) == checksum(token);
    }

    private static int checksum(byte[] token) {
        CRC32 crc = new CRC32();
        crc.update(token, 0, BYTES - CHECKSUM_BYTES);
        return (int) crc.getValue();
    }
}

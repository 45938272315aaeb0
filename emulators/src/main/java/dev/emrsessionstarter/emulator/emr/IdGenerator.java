package dev.emrsessionstarter.emulator.emr;

import dev.emrsessionstarter.emulator.fault.KeyedDraws;
import java.util.Random;

/**
 * Session ids shaped like EMR Serverless ids (16 characters of {@code [0-9a-z]}), drawn from the seed and the
 * session's key (its application and client token): the same request gets the same session id on every run, whatever
 * order the sessions are created in. Fault plans and tests that draw per session therefore replay too.
 */
final class IdGenerator {

    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final int LENGTH = 16;

    private final long seed;

    IdGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * The id for {@code key}'s {@code attempt}th draw (1-based): a later attempt only when an earlier one's id is
     * already taken.
     */
    String next(String key, int attempt) {
        Random random = new Random(Double.doubleToLongBits(KeyedDraws.unit(seed, key, attempt)));
        StringBuilder id = new StringBuilder("00");
        while (id.length() < LENGTH) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}

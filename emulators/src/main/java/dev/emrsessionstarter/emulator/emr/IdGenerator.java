package dev.emrsessionstarter.emulator.emr;

import java.util.Random;

/** Session ids shaped like EMR Serverless ids (16 characters of {@code [0-9a-z]}), from a seeded random. */
final class IdGenerator {

    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final int LENGTH = 16;

    private final Random random;

    IdGenerator(long seed) {
        this.random = new Random(seed);
    }

    synchronized String next() {
        StringBuilder id = new StringBuilder("00");
        while (id.length() < LENGTH) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}

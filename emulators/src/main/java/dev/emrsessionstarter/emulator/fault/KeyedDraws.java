package dev.emrsessionstarter.emulator.fault;

/**
 * Draws that depend only on a seed, a key and how many times that key has drawn: the same on every run, every machine
 * and in any order of arrival. {@link FaultPlan#drawPerKey} uses them; so can a test that plans its own hazards (a
 * crash after a given request's call) and wants them to replay.
 */
public final class KeyedDraws {

    private KeyedDraws() {
    }

    /** A number in [0, 1) from (seed, key, the key's 1-based draw number). */
    public static double unit(long seed, String key, int keyCall) {
        return unit(seed, hash(key == null ? "" : key), keyCall, 0);
    }

    /** A number in [0, 1) from (seed, key hash, the key's draw number, a rule's place); SplitMix64's finaliser. */
    static double unit(long seed, long keyHash, int keyCall, int rule) {
        long mixed = mix(seed ^ 0x9E3779B97F4A7C15L);
        mixed = mix(mixed ^ keyHash);
        mixed = mix(mixed ^ ((long) keyCall << 32 | (rule & 0xFFFFFFFFL)));
        return (mixed >>> 11) * 0x1.0p-53;
    }

    /** 64-bit FNV-1a over the key's UTF-16 units. */
    static long hash(String key) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

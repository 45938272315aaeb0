package dev.emrsessionstarter.harness.soak;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds task tokens, or pieces of them, in text. A token is base64 several hundred characters long; any run of
 * {@value #FOUND_FROM} or more of its characters is found, wherever it starts: every piece that long holds one of
 * the token's {@value #WINDOW}-character windows that start at a multiple of {@value #STEP}, and only those are
 * indexed. JSON escapes of {@code /} and {@code +} are undone first.
 */
final class TokenLeaks {

    static final int WINDOW = 32;
    static final int STEP = 16;
    static final int FOUND_FROM = WINDOW + STEP;

    private final Set<String> windows = new HashSet<>();
    private final int tokens;

    TokenLeaks(Collection<String> tokens) {
        this.tokens = tokens.size();
        for (String token : tokens) {
            for (int from = 0; from + WINDOW <= token.length(); from += STEP) {
                windows.add(token.substring(from, from + WINDOW));
            }
        }
    }

    int tokens() {
        return tokens;
    }

    /** Whether the text holds {@value #FOUND_FROM} or more consecutive characters of any token. */
    boolean foundIn(String text) {
        if (windows.isEmpty() || text.length() < WINDOW) {
            return false;
        }
        String plain = text.replace("\\/", "/").replace("\\u002B", "+").replace("\\u002b", "+");
        int runStart = -1;
        for (int i = 0; i <= plain.length(); i++) {
            boolean inRun = i < plain.length() && isBase64(plain.charAt(i));
            if (inRun && runStart < 0) {
                runStart = i;
            } else if (!inRun && runStart >= 0) {
                for (int from = runStart; from + WINDOW <= i; from++) {
                    if (windows.contains(plain.substring(from, from + WINDOW))) {
                        return true;
                    }
                }
                runStart = -1;
            }
        }
        return false;
    }

    /** The text with every run of {@value #FOUND_FROM} or more base64 characters replaced, for a report. */
    static String redact(String text) {
        return text.replaceAll("[A-Za-z0-9+/=]{" + FOUND_FROM + ",}", "<base64 run>");
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '=';
    }
}

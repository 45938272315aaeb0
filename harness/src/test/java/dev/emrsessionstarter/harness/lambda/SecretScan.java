package dev.emrsessionstarter.harness.lambda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds planted secrets in text: each whole, JSON-escaped, or as any {@value #PIECE}-character piece of it. The text is
 * searched as written and with JSON's escapes undone, so a secret is found however a JSON writer spelt it.
 */
final class SecretScan {

    static final int PIECE = 32;

    /** Every {@value #PIECE}-character piece of every long secret, to the name of its secret. */
    private final Map<String, String> pieces = new HashMap<>();
    /** Secrets shorter than a piece: found whole. */
    private final Map<String, String> shortSecrets = new HashMap<>();

    SecretScan plant(String name, String secret) {
        if (secret.length() < PIECE) {
            shortSecrets.put(secret, name);
        } else {
            for (int from = 0; from + PIECE <= secret.length(); from++) {
                pieces.putIfAbsent(secret.substring(from, from + PIECE), name);
            }
        }
        return this;
    }

    /** Where each secret was found, as {@code "<secret name> in <where>: <context>"}; empty when none was. */
    List<String> findIn(String where, String text) {
        List<String> found = new ArrayList<>();
        for (String form : List.of(text, unescaped(text))) {
            for (int from = 0; from + PIECE <= form.length(); from++) {
                String name = pieces.get(form.substring(from, from + PIECE));
                if (name != null) {
                    found.add(name + " in " + where + ": ..." + context(form, from) + "...");
                    break;
                }
            }
            shortSecrets.forEach((secret, name) -> {
                int at = form.indexOf(secret);
                if (at >= 0) {
                    found.add(name + " in " + where + ": ..." + context(form, at) + "...");
                }
            });
        }
        return found;
    }

    /** JSON's escapes undone: {@code \/}, {@code \"}, {@code \\} and {@code \}{@code uXXXX}. */
    static String unescaped(String text) {
        StringBuilder plain = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == 'u' && i + 5 < text.length()) {
                    try {
                        plain.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                        i += 5;
                        continue;
                    } catch (NumberFormatException notAnEscape) {
                        // kept as written
                    }
                } else if (next == '/' || next == '"' || next == '\\') {
                    plain.append(next);
                    i++;
                    continue;
                }
            }
            plain.append(c);
        }
        return plain.toString();
    }

    /** A little of the text around a find, with long base64 runs cut so the report does not repeat a token. */
    private static String context(String text, int at) {
        String around = text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 20));
        return around.replaceAll("[A-Za-z0-9+/=]{24,}", "<run>");
    }
}

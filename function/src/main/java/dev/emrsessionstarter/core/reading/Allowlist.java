package dev.emrsessionstarter.core.reading;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A deployment's list of allowed values, where {@code *} matches any run of characters (including {@code /}, as in
 * IAM resource ARNs). Matching is exact and case-sensitive: a producer cannot get past it with another spelling.
 */
public final class Allowlist {

    private final List<String> entries;
    private final List<Pattern> patterns;

    private Allowlist(List<String> entries) {
        this.entries = List.copyOf(entries);
        this.patterns = entries.stream().map(Allowlist::toPattern).collect(Collectors.toUnmodifiableList());
    }

    /** Parses a comma-separated list; blank items are ignored, surrounding whitespace trimmed. */
    public static Allowlist parse(String commaSeparated) {
        return new Allowlist(Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .collect(Collectors.toList()));
    }

    public static Allowlist of(String... entries) {
        return new Allowlist(List.of(entries));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public boolean allows(String value) {
        if (value == null) {
            return false;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    public List<String> entries() {
        return entries;
    }

    private static Pattern toPattern(String entry) {
        String regex = Arrays.stream(entry.split("\\*", -1))
                .map(Pattern::quote)
                .collect(Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}

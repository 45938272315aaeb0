package dev.emrsessionstarter.core.starting;

import dev.emrsessionstarter.core.reading.RuntimeConfiguration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes configuration property values from text that came from elsewhere (an EMR Serverless error message or a
 * failed session's {@code stateDetails} may quote what it refused) before that text reaches a log line, an event, a
 * task's cause or an exception.
 *
 * <p>A value is masked whole; a long one also wherever {@value #PIECE} or more of its characters appear in a row, as
 * when a service cuts a quoted value short. Values shorter than {@value #MIN_SECRET_LENGTH} characters are left
 * alone: they are too short to be a credential, and masking every "4g" or "true" would garble messages.
 */
public final class SecretScrubber {

    static final int MIN_SECRET_LENGTH = 4;
    /** The shortest run of a value's characters that counts as a piece of it. */
    static final int PIECE = 16;
    /** Foreign messages are cut to the model's String1024 length. */
    static final int MAX_MESSAGE_LENGTH = 1024;
    static final String MASK = "****";

    private static final SecretScrubber NOTHING = new SecretScrubber(List.of());

    /** Longest first, so a value that contains another is masked whole. */
    private final List<String> secrets;
    /** Every {@value #PIECE}-character piece of every value at least that long. */
    private final Set<String> pieces = new HashSet<>();

    private SecretScrubber(List<String> secrets) {
        this.secrets = secrets;
        for (String secret : secrets) {
            for (int from = 0; from + PIECE <= secret.length(); from++) {
                pieces.add(secret.substring(from, from + PIECE));
            }
        }
    }

    public static SecretScrubber nothing() {
        return NOTHING;
    }

    public static SecretScrubber forConfigurations(List<RuntimeConfiguration> configurations) {
        List<String> values = new ArrayList<>();
        collect(configurations, values);
        return forValues(values);
    }

    /** @param values configuration property values, as a service echoed them back */
    public static SecretScrubber forValues(Collection<String> values) {
        List<String> secrets = new ArrayList<>();
        for (String value : values) {
            if (value != null && value.length() >= MIN_SECRET_LENGTH && !secrets.contains(value)) {
                secrets.add(value);
            }
        }
        if (secrets.isEmpty()) {
            return NOTHING;
        }
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretScrubber(List.copyOf(secrets));
    }

    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, MASK);
        }
        scrubbed = maskPieces(scrubbed);
        return scrubbed.length() > MAX_MESSAGE_LENGTH ? scrubbed.substring(0, MAX_MESSAGE_LENGTH) : scrubbed;
    }

    private String maskPieces(String text) {
        if (pieces.isEmpty() || text.length() < PIECE) {
            return text;
        }
        boolean[] covered = new boolean[text.length()];
        boolean any = false;
        for (int from = 0; from + PIECE <= text.length(); from++) {
            if (pieces.contains(text.substring(from, from + PIECE))) {
                for (int i = from; i < from + PIECE; i++) {
                    covered[i] = true;
                }
                any = true;
            }
        }
        if (!any) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!covered[i]) {
                masked.append(text.charAt(i));
            } else if (i == 0 || !covered[i - 1]) {
                masked.append(MASK);
            }
        }
        return masked.toString();
    }

    private static void collect(List<RuntimeConfiguration> configurations, List<String> values) {
        if (configurations == null) {
            return;
        }
        for (RuntimeConfiguration configuration : configurations) {
            if (configuration.properties() != null) {
                values.addAll(configuration.properties().values());
            }
            collect(configuration.configurations(), values);
        }
    }
}

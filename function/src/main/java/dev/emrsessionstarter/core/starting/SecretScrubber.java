package dev.emrsessionstarter.core.starting;

import dev.emrsessionstarter.core.reading.RuntimeConfiguration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Removes a request's configuration property values from text that came from elsewhere (an EMR Serverless error
 * message may quote what it refused) before that text reaches a log line, an event or an exception.
 *
 * <p>Values shorter than {@value #MIN_SECRET_LENGTH} characters are left alone: they are too short to be a credential,
 * and masking every "4g" or "true" would garble messages.
 */
public final class SecretScrubber {

    static final int MIN_SECRET_LENGTH = 4;
    /** Foreign messages are cut to the model's String1024 length. */
    static final int MAX_MESSAGE_LENGTH = 1024;
    private static final String MASK = "****";

    private static final SecretScrubber NOTHING = new SecretScrubber(List.of());

    private final List<String> secrets;

    private SecretScrubber(List<String> secrets) {
        this.secrets = secrets;
    }

    public static SecretScrubber nothing() {
        return NOTHING;
    }

    public static SecretScrubber forConfigurations(List<RuntimeConfiguration> configurations) {
        List<String> secrets = new ArrayList<>();
        collect(configurations, secrets);
        // Longest first, so a value that contains another is masked whole.
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
        return scrubbed.length() > MAX_MESSAGE_LENGTH ? scrubbed.substring(0, MAX_MESSAGE_LENGTH) : scrubbed;
    }

    private static void collect(List<RuntimeConfiguration> configurations, List<String> secrets) {
        if (configurations == null) {
            return;
        }
        for (RuntimeConfiguration configuration : configurations) {
            if (configuration.properties() != null) {
                configuration.properties().values().stream()
                        .filter(value -> value.length() >= MIN_SECRET_LENGTH)
                        .forEach(secrets::add);
            }
            collect(configuration.configurations(), secrets);
        }
    }
}

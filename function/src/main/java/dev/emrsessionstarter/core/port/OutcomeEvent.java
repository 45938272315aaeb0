package dev.emrsessionstarter.core.port;

import java.util.List;

/**
 * An outcome event ready to publish; the bus and source are the publisher's configuration.
 *
 * @param detail the {@code detail} as a JSON object text
 * @param resources ARNs the event concerns (the session's, on success)
 */
public record OutcomeEvent(String detailType, String detail, List<String> resources) {

    public OutcomeEvent {
        resources = List.copyOf(resources);
    }
}

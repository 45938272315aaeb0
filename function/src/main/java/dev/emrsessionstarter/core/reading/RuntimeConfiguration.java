package dev.emrsessionstarter.core.reading;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One EMR Serverless {@code Configuration}: a classification, its properties and nested configurations.
 *
 * <p>Property values may hold credentials, so {@link #toString()} never prints them.
 */
public record RuntimeConfiguration(
        String classification, Map<String, String> properties, List<RuntimeConfiguration> configurations) {

    public RuntimeConfiguration {
        properties = properties == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        configurations = configurations == null ? null : List.copyOf(configurations);
    }

    @Override
    public String toString() {
        return "RuntimeConfiguration[classification=" + classification
                + ", properties=" + (properties == null ? "none" : properties.size() + " (values hidden)")
                + ", configurations=" + configurations + "]";
    }
}

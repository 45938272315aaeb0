package dev.emrsessionstarter.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Log4j plugin index the build writes for the deployment package (src/build/Log4jPluginIndex.java): it holds
 * every plugin the logging configuration names, and not the ones kept out on purpose. The runtime integration test
 * boots the package itself and fails on any complaint from Log4j.
 */
class Log4jPluginIndexTest {

    private static final String INDEX_ENTRY = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";
    private static final Path OUTPUT = buildDirectory().resolve("log4j-plugin-index");
    private static final Path INDEX = OUTPUT.resolve("index").resolve(INDEX_ENTRY);
    private static final Path COPIES = OUTPUT.resolve("lib");

    private static Map<String, Map<String, PluginEntry>> kept;

    @BeforeAll
    static void readIndex() throws IOException {
        assertThat(INDEX).as("written by the build in generate-resources").exists();
        PluginCache cache = new PluginCache();
        cache.loadCacheFiles(Collections.enumeration(List.of(INDEX.toUri().toURL())));
        kept = cache.getAllCategories();
    }

    @Test
    void every_element_type_of_the_logging_configuration_is_indexed() throws IOException {
        Properties configuration = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/log4j2.properties")) {
            configuration.load(in);
        }
        Set<String> types = configuration.stringPropertyNames().stream()
                .filter(key -> key.endsWith(".type"))
                .map(key -> configuration.getProperty(key).toLowerCase())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(types).containsExactly("console", "jsontemplatelayout");
        assertThat(kept.get("core")).containsKeys(types.toArray(String[]::new))
                .containsKeys("appenders", "appender-ref", "loggers", "logger", "root", "properties");
    }

    @Test
    void every_resolver_of_the_powertools_layout_is_indexed() throws IOException {
        JsonNode template;
        try (InputStream in = getClass().getResourceAsStream("/LambdaJsonLayout.json")) {
            template = new ObjectMapper().readTree(in);
        }
        List<String> resolvers = new ArrayList<>();
        collectResolvers(template, resolvers);

        assertThat(resolvers).contains("powertools", "timestamp", "message", "level", "exception");
        assertThat(kept.get("jsontemplateresolverfactory").values())
                .extracting(PluginEntry::getName).map(String::toLowerCase)
                .containsAll(resolvers.stream().map(name -> name + "resolverfactory").distinct().toList());
    }

    @Test
    void the_default_configuration_in_place_before_ours_finds_its_pattern_converters() {
        // Log4j's default pattern, %d{HH:mm:ss.SSS} [%t] %-5level %logger{36} - %msg%n, and the exception it appends.
        assertThat(kept.get("converter").values()).extracting(PluginEntry::getClassName)
                .map(name -> name.substring(name.lastIndexOf('.') + 1))
                .contains("DatePatternConverter", "ThreadNamePatternConverter", "LevelPatternConverter",
                        "LoggerPatternConverter", "MessagePatternConverter", "LineSeparatorPatternConverter",
                        "ExtendedThrowablePatternConverter");
    }

    @Test
    void plugins_the_function_never_configures_are_left_out() {
        assertThat(kept.get("lookup")).doesNotContainKeys("jndi", "jvmrunargs");
        assertThat(kept.get("core")).doesNotContainKeys("rollingfile", "jdbc", "smtp", "socket", "kafka", "jms",
                "scriptappenderselector", "xmllayout", "markerpatternselector");
        int indexed = kept.values().stream().mapToInt(Map::size).sum();
        assertThat(indexed).isLessThan(100);
    }

    @Test
    void the_jars_shipped_without_their_index_are_the_published_ones_minus_that_file() throws IOException {
        List<Path> copies;
        try (Stream<Path> files = Files.list(COPIES)) {
            copies = files.sorted().toList();
        }
        assertThat(copies).extracting(path -> path.getFileName().toString().replaceAll("-[0-9.]+\\.jar$", ""))
                .containsExactly("log4j-core", "log4j-layout-template-json", "powertools-logging-log4j");
        for (Path copy : copies) {
            URL published = publishedJar(copy.getFileName().toString());
            try (ZipFile shipped = new ZipFile(copy.toFile());
                 ZipFile original = new ZipFile(Path.of(URI.create(published.toString())).toFile())) {
                Set<String> originalNames = original.stream().map(ZipEntry::getName)
                        .collect(Collectors.toCollection(TreeSet::new));
                originalNames.remove(INDEX_ENTRY);
                assertThat(shipped.stream().map(ZipEntry::getName))
                        .as(copy.getFileName().toString()).containsExactlyInAnyOrderElementsOf(originalNames);
            }
        }
    }

    /** This module's {@code target/}: the tests' classes sit in its {@code test-classes/}. */
    private static Path buildDirectory() {
        try {
            return Path.of(Log4jPluginIndexTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL publishedJar(String fileName) throws IOException {
        Enumeration<URL> indexes = Log4jPluginIndexTest.class.getClassLoader().getResources(INDEX_ENTRY);
        while (indexes.hasMoreElements()) {
            String url = indexes.nextElement().toString();
            String jar = url.substring("jar:".length(), url.indexOf("!/"));
            if (jar.endsWith("/" + fileName)) {
                return new URL(jar);
            }
        }
        throw new AssertionError("no published " + fileName + " on the test class path");
    }

    private static void collectResolvers(JsonNode node, List<String> resolvers) {
        if (node.isObject()) {
            JsonNode resolver = node.get("$resolver");
            if (resolver != null) {
                resolvers.add(resolver.asText());
            }
            node.elements().forEachRemaining(child -> collectResolvers(child, resolvers));
        }
    }
}

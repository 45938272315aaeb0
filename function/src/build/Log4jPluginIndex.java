import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginEntry;

/**
 * Builds the deployment package's Log4j plugin index, run by the build with the function's runtime class path:
 * {@code java -cp <runtime class path> Log4jPluginIndex.java <plugin list> <output directory>}.
 *
 * <p>At start-up Log4j reads the plugin index ({@code Log4j2Plugins.dat}) of every jar on the class path and loads the
 * class of every plugin listed, whether the configuration uses it or not: rolling files, JDBC, Kafka, SMTP, scripts,
 * JNDI and JMX lookups: 254 plugins in the jars the function ships, about 190 classes more at every cold start than
 * the function needs. This program writes one index of the plugins the plugin list names, and a copy of each jar that
 * carries an index without it; the package ships those copies in {@code lib/} and the index at its root, so Log4j
 * finds only the plugins the function configures.
 *
 * <p>Output: {@code <output>/index/META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat} and
 * {@code <output>/lib/<jar>} for each such jar (same name, every other entry as it was). It fails when the list names
 * a plugin no jar indexes, so a Log4j upgrade that moves or renames one stops the build instead of the function.
 */
public final class Log4jPluginIndex {

    static final String INDEX = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";

    public static void main(String[] args) throws IOException {
        Path list = Path.of(args[0]);
        Path output = Path.of(args[1]);
        List<Path> indexedJars = jarsWithAnIndex();
        PluginCache everyPlugin = read(indexedJars);
        Map<String, Set<String>> wanted = readList(list);

        keepOnly(everyPlugin, wanted);
        Path index = output.resolve("index").resolve(INDEX);
        Files.createDirectories(index.getParent());
        try (OutputStream out = Files.newOutputStream(index)) {
            everyPlugin.writeCache(out);
        }
        Path lib = output.resolve("lib");
        Files.createDirectories(lib);
        for (Path jar : indexedJars) {
            copyWithoutIndex(jar, lib.resolve(jar.getFileName().toString()));
        }
    }

    private static List<Path> jarsWithAnIndex() throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                try (ZipFile zip = new ZipFile(path.toFile())) {
                    if (zip.getEntry(INDEX) != null) {
                        jars.add(path);
                    }
                }
            }
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("no jar on the class path has a Log4j plugin index");
        }
        return jars;
    }

    private static PluginCache read(List<Path> jars) throws IOException {
        List<URL> indexes = new ArrayList<>();
        for (Path jar : jars) {
            indexes.add(new URL("jar:" + jar.toUri() + "!/" + INDEX));
        }
        PluginCache cache = new PluginCache();
        cache.loadCacheFiles(Collections.enumeration(indexes));
        return cache;
    }

    /** Category (lower case, as Log4j indexes it) to the classes kept; {@code "*"} for all of the category. */
    private static Map<String, Set<String>> readList(Path list) throws IOException {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (String line : Files.readAllLines(list)) {
            String plugin = line.strip();
            if (plugin.isEmpty() || plugin.startsWith("#")) {
                continue;
            }
            String[] parts = plugin.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(list + ": expected \"category class\", got: " + line);
            }
            wanted.computeIfAbsent(parts[0].toLowerCase(Locale.ROOT), c -> new TreeSet<>()).add(parts[1]);
        }
        return wanted;
    }

    private static void keepOnly(PluginCache cache, Map<String, Set<String>> wanted) {
        Map<String, Map<String, PluginEntry>> categories = cache.getAllCategories();
        List<String> unknown = new ArrayList<>();
        wanted.forEach((category, classes) -> {
            Map<String, PluginEntry> plugins = categories.getOrDefault(category, Map.of());
            for (String className : classes) {
                boolean indexed = className.equals("*") ? !plugins.isEmpty()
                        : plugins.values().stream().anyMatch(p -> p.getClassName().equals(className));
                if (!indexed) {
                    unknown.add(category + " " + className);
                }
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("the plugin list names plugins no jar indexes: " + unknown);
        }
        categories.entrySet().removeIf(category -> {
            Set<String> classes = wanted.getOrDefault(category.getKey(), Set.of());
            if (!classes.contains("*")) {
                category.getValue().values().removeIf(p -> !classes.contains(p.getClassName()));
            }
            return category.getValue().isEmpty();
        });
    }

    private static void copyWithoutIndex(Path jar, Path copy) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            zip.stream().filter(entry -> !entry.getName().equals(INDEX)).forEach(entry -> {
                try (InputStream in = zip.getInputStream(entry)) {
                    ZipEntry copied = new ZipEntry(entry.getName());
                    copied.setTime(entry.getTime());
                    out.putNextEntry(copied);
                    in.transferTo(out);
                    out.closeEntry();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

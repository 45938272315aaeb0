package dev.emrsessionstarter.harness.benchmark;

import dev.emrsessionstarter.harness.benchmark.baseline.BaselineHandler;
import dev.emrsessionstarter.harness.benchmark.peer.PowertoolsPeerHandler;
import dev.emrsessionstarter.harness.lambda.LambdaArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The three task roots the benchmarks boot: the function's (the archive, extracted); the peer's (the peer handler, its
 * {@code log4j2.xml} at the root, and every jar of the archive's {@code lib/}, so it runs on the very same library
 * versions, but as published: where the archive ships a jar without its Log4j plugin index, the peer gets the
 * original, as a team building its own function would); and the baseline's (the baseline handler, and from the
 * archive's {@code lib/} only the SDK's jars and the generated EMR Serverless client's).
 */
final class TaskRoots {

    /** Jars only the function needs (JSON binding, logging, metrics, SnapStart hooks), left out of the baseline. */
    private static final List<String> FUNCTION_ONLY = List.of("powertools-", "log4j-", "jackson-annotations-",
            "jackson-core-", "jackson-databind-", "jackson-datatype-", "jmespath-", "aws-embedded-metrics-",
            "javatuples-", "commons-lang3-", "crac-");

    private static final String LOG4J_PLUGIN_INDEX =
            "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";

    final Path function;
    final Path peer;
    final Path baseline;

    private TaskRoots(Path function, Path peer, Path baseline) {
        this.function = function;
        this.peer = peer;
        this.baseline = baseline;
    }

    static TaskRoots create(Path work) {
        Path function = LambdaArchive.extract(LambdaArchive.path(), work.resolve("function"));
        Path peer = work.resolve("peer");
        Path baseline = work.resolve("baseline");
        try {
            copyHandler(PowertoolsPeerHandler.class, peer);
            Path peerPackage = peer.resolve(PowertoolsPeerHandler.class.getPackageName().replace('.', '/'));
            Files.move(peerPackage.resolve("log4j2.xml"), peer.resolve("log4j2.xml"));
            copyHandler(BaselineHandler.class, baseline);
            Files.createDirectories(peer.resolve("lib"));
            Files.createDirectories(baseline.resolve("lib"));
            Map<String, Path> published = jarsWithALog4jPluginIndex();
            try (Stream<Path> jars = Files.list(function.resolve("lib"))) {
                for (Path jar : jars.toList()) {
                    String name = jar.getFileName().toString();
                    Files.copy(published.getOrDefault(name, jar), peer.resolve("lib").resolve(name));
                    if (FUNCTION_ONLY.stream().noneMatch(name::startsWith)) {
                        Files.copy(jar, baseline.resolve("lib").resolve(name));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TaskRoots(function, peer, baseline);
    }

    /** The jars on the harness's class path that carry a Log4j plugin index, as published, by file name. */
    private static Map<String, Path> jarsWithALog4jPluginIndex() throws IOException {
        Map<String, Path> jars = new HashMap<>();
        Enumeration<URL> indexes = TaskRoots.class.getClassLoader().getResources(LOG4J_PLUGIN_INDEX);
        while (indexes.hasMoreElements()) {
            String url = indexes.nextElement().toString();
            if (url.startsWith("jar:file:")) {
                Path jar = Path.of(URI.create(url.substring("jar:".length(), url.indexOf("!/"))));
                jars.put(jar.getFileName().toString(), jar);
            }
        }
        return jars;
    }

    /** Copies the handler's package (its classes and resources) from the harness's classes into the task root. */
    private static void copyHandler(Class<?> handler, Path root) throws IOException {
        String packagePath = handler.getPackageName().replace('.', '/');
        try {
            Path classes = Path.of(handler.getProtectionDomain().getCodeSource().getLocation().toURI());
            copyTree(classes.resolve(packagePath), root.resolve(packagePath));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

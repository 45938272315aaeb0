package dev.emrsessionstarter.harness.benchmark;

import dev.emrsessionstarter.harness.benchmark.baseline.BaselineHandler;
import dev.emrsessionstarter.harness.lambda.LambdaArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The two task roots the benchmarks boot: the function's (the archive, extracted) and the baseline's (the baseline
 * handler, and from the archive's {@code lib/} only the SDK's jars and the generated EMR Serverless client's).
 */
final class TaskRoots {

    /** Jars only the function needs (JSON binding, logging, metrics, SnapStart hooks), left out of the baseline. */
    private static final List<String> FUNCTION_ONLY = List.of("powertools-", "log4j-", "jackson-annotations-",
            "jackson-core-", "jackson-databind-", "jackson-datatype-", "jmespath-", "aws-embedded-metrics-",
            "javatuples-", "commons-lang3-", "crac-");

    final Path function;
    final Path baseline;

    private TaskRoots(Path function, Path baseline) {
        this.function = function;
        this.baseline = baseline;
    }

    static TaskRoots create(Path work) {
        Path function = LambdaArchive.extract(LambdaArchive.path(), work.resolve("function"));
        Path baseline = work.resolve("baseline");
        try {
            String packagePath = BaselineHandler.class.getPackageName().replace('.', '/');
            Path classes = Path.of(BaselineHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            copyTree(classes.resolve(packagePath), baseline.resolve(packagePath));
            Files.createDirectories(baseline.resolve("lib"));
            try (Stream<Path> jars = Files.list(function.resolve("lib"))) {
                for (Path jar : jars.toList()) {
                    String name = jar.getFileName().toString();
                    if (FUNCTION_ONLY.stream().noneMatch(name::startsWith)) {
                        Files.copy(jar, baseline.resolve("lib").resolve(name));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new TaskRoots(function, baseline);
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

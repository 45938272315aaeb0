package dev.emrsessionstarter.harness.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A JVM's {@code -Xlog:class+load:file=...:uptimenanos} log: which classes it loaded, from where and when (nanoseconds
 * since the JVM started), to count classes and to split start-up into phases by the first class of each phase.
 */
final class ClassLoadLog {

    record Load(long uptimeNanos, String className, String source) {
    }

    private final List<Load> loads;

    private ClassLoadLog(List<Load> loads) {
        this.loads = loads;
    }

    /** The JVM option that writes such a log to {@code file}. */
    static String option(Path file) {
        return "-Xlog:class+load=info:file=" + file + ":uptimenanos";
    }

    static ClassLoadLog read(Path file) {
        List<Load> loads = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                // [123456ns] java.lang.Object source: shared objects file
                int close = line.indexOf("ns] ");
                int source = line.indexOf(" source: ");
                if (!line.startsWith("[") || close < 0) {
                    continue;
                }
                String name = source < 0 ? line.substring(close + 4) : line.substring(close + 4, source);
                loads.add(new Load(Long.parseLong(line.substring(1, close)), name.trim(),
                        source < 0 ? "" : line.substring(source + 9)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClassLoadLog(loads);
    }

    int count() {
        return loads.size();
    }

    /** Classes loaded before {@code uptimeNanos}. */
    int countBefore(long uptimeNanos) {
        return (int) loads.stream().filter(load -> load.uptimeNanos() < uptimeNanos).count();
    }

    /** Classes whose name starts with {@code prefix}. */
    int countWithPrefix(String prefix) {
        return (int) loads.stream().filter(load -> load.className().startsWith(prefix)).count();
    }

    /** When the first class with this name (or name prefix) was loaded. */
    OptionalLong firstLoad(String classNameOrPrefix) {
        return loads.stream().filter(load -> load.className().startsWith(classNameOrPrefix))
                .mapToLong(Load::uptimeNanos).findFirst();
    }
}

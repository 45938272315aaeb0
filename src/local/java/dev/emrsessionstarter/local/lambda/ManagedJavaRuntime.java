package dev.emrsessionstarter.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the managed {@code java21} runtime provides around a function: the JVM options it starts the JVM with, and the
 * runtime interface client on the class path ({@code /var/runtime/lib}), which loads the function from the task root.
 */
public final class ManagedJavaRuntime {

    public static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private ManagedJavaRuntime() {
    }

    /**
     * The options of the managed runtime's {@code java} command line for a memory size: the heap capped at 85% of
     * the function's memory (445645k for 512 MB), the serial collector, class data sharing (Lambda ships its own
     * archive; here the JDK's default one), C1 only, and the CRaC compatibility package through which {@code org.crac}
     * reaches the runtime's SnapStart hooks. {@code JAVA_TOOL_OPTIONS} from the function's environment comes on top,
     * read by the JVM itself.
     *
     * <p>One option is not Lambda's: {@code -XX:MaxRAM}. In Lambda the JVM sees the function's memory as the machine's
     * (the execution environment's limit), and sizes everything it does not get told (the initial heap, for one) from
     * that; here it would size them from the whole machine.
     */
    public static List<String> jvmOptions(int memoryMb) {
        return List.of(
                "-XX:MaxRAM=" + memoryMb + "m",
                "-XX:MaxHeapSize=" + Math.round(memoryMb * 1024 * 0.85) + "k",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-XX:+ErrorFileToStderr");
    }

    /**
     * The runtime's own jars: {@code target/lambda-runtime} (the runtime interface client and its dependencies, which
     * {@code mvn package} copies there), or the {@code lambda.runtime} system property.
     */
    public static List<Path> classPath() {
        Path directory = Path.of(System.getProperty("lambda.runtime", "target/lambda-runtime")).toAbsolutePath();
        try (Stream<Path> jars = Files.list(directory)) {
            List<Path> found = jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
            if (found.stream().noneMatch(jar -> jar.getFileName().toString().startsWith(
                    "aws-lambda-java-runtime-interface-client"))) {
                throw new IllegalStateException("no runtime interface client in " + directory);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(directory + " is missing: run mvn package first", e);
        }
    }
}

package dev.emrsessionstarter.harness.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * What the managed {@code java21} runtime provides around a function: the JVM options it starts the JVM with, and the
 * runtime interface client on the class path ({@code /var/runtime/lib}), which loads the function from the task root.
 */
public final class ManagedJavaRuntime {

    public static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String NATIVE_CLIENT_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private ManagedJavaRuntime() {
    }

    /**
     * The options of the managed runtime's {@code java} command line for a memory size: the heap capped at 85% of
     * the function's memory (445645k for 512 MB), the serial collector, class data sharing (Lambda ships its own
     * archive; here the JDK's default one), C1 only, the CRaC compatibility package through which {@code org.crac}
     * reaches the runtime's SnapStart hooks, and the runtime client's native library. {@code JAVA_TOOL_OPTIONS} from
     * the function's environment comes on top, read by the JVM itself.
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
                "-XX:+ErrorFileToStderr",
                "-D" + NATIVE_CLIENT_PROPERTY + "=" + nativeClientLibrary());
    }

    /**
     * The runtime client's native library, extracted once beside its jars, as the managed runtime ships it. Without
     * it the client unpacks the library to one fixed path in /tmp at every start, and two runtimes starting at once
     * overwrite the file while the other maps it (the JVM dies with SIGBUS).
     */
    static Path nativeClientLibrary() {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        String name = "libaws-lambda-jni.linux-" + arch + ".so";
        Path library = runtimeDirectory().resolve("jni").resolve(name);
        if (Files.exists(library)) {
            return library;
        }
        Path client = classPath().stream()
                .filter(jar -> jar.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                .findFirst().orElseThrow();
        try (ZipFile jar = new ZipFile(client.toFile())) {
            Files.createDirectories(library.getParent());
            Path partial = Files.createTempFile(library.getParent(), name, ".part");
            try (InputStream in = jar.getInputStream(jar.getEntry("jni/" + name))) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            // Atomic: a runtime starting meanwhile sees no library or the whole one, never half of it.
            Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return library;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + name + " from " + client, e);
        }
    }

    private static Path runtimeDirectory() {
        return Path.of(System.getProperty("lambda.runtime", "function/target/lambda-runtime")).toAbsolutePath();
    }

    /**
     * The runtime's own jars: {@code target/lambda-runtime} (the runtime interface client and its dependencies, which
     * {@code mvn package} copies there), or the {@code lambda.runtime} system property.
     */
    public static List<Path> classPath() {
        Path directory = runtimeDirectory();
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

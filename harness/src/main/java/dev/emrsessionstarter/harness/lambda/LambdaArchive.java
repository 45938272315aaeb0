package dev.emrsessionstarter.harness.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The deployable archive {@code mvn package} builds, and its extraction into a task root ({@code /var/task}). */
public final class LambdaArchive {

    private LambdaArchive() {
    }

    /**
     * {@code function/target/emr-session-starter.zip} from the repository root, or the {@code lambda.archive} system
     * property.
     */
    public static Path path() {
        Path archive = Path.of(System.getProperty("lambda.archive", "function/target/emr-session-starter.zip"))
                .toAbsolutePath();
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException(archive + " does not exist: run mvn package first");
        }
        return archive;
    }

    /** Unzips {@code archive} into {@code taskRoot}, as Lambda lays the code out under {@code /var/task}. */
    public static Path extract(Path archive, Path taskRoot) {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            Files.createDirectories(taskRoot);
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = taskRoot.resolve(entry.getName()).normalize();
                if (!target.startsWith(taskRoot)) {
                    throw new IOException("entry outside the archive root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(zip, target);
                }
            }
            return taskRoot;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + archive, e);
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
}

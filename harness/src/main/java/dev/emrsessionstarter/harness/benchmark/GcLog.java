package dev.emrsessionstarter.harness.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's {@code -Xlog:gc:file=...} log: each collection prints {@code used-before->used-after(committed)}. The
 * largest "before" is the peak heap in use (the heap peaks just before a collection), the largest committed size is
 * how far the heap grew.
 */
record GcLog(int collections, long peakUsedKib, long peakLiveKib, long peakCommittedKib) {

    private static final Pattern PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    static String option(Path file) {
        return "-Xlog:gc:file=" + file;
    }

    static GcLog read(Path file) {
        int collections = 0;
        long used = 0;
        long live = 0;
        long committed = 0;
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher matcher = PAUSE.matcher(line);
                if (line.contains("Pause") && matcher.find()) {
                    collections++;
                    used = Math.max(used, kib(matcher.group(1), matcher.group(2)));
                    live = Math.max(live, kib(matcher.group(3), matcher.group(4)));
                    committed = Math.max(committed, kib(matcher.group(5), matcher.group(6)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GcLog(collections, used, live, committed);
    }

    private static long kib(String number, String unit) {
        long value = Long.parseLong(number);
        return switch (unit) {
            case "G" -> value * 1024 * 1024;
            case "M" -> value * 1024;
            default -> value;
        };
    }
}

package dev.emrsessionstarter.emulator.emr;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numeric version in an EMR release label ({@code emr-7.13.0}, {@code emr-7.2.0}, {@code emr-8.0.0-latest}),
 * compared numerically so that 7.2 is older than 7.13.
 */
public record ReleaseLabel(int major, int minor, int patch) implements Comparable<ReleaseLabel> {

    /** The first release with interactive sessions. */
    public static final ReleaseLabel FIRST_WITH_SESSIONS = new ReleaseLabel(7, 13, 0);

    private static final Pattern LABEL = Pattern.compile("emr-(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:-[A-Za-z0-9._-]+)?");
    private static final Comparator<ReleaseLabel> ORDER = Comparator.comparingInt(ReleaseLabel::major)
            .thenComparingInt(ReleaseLabel::minor).thenComparingInt(ReleaseLabel::patch);

    /** The version of {@code label}, or empty when it is not an {@code emr-X.Y[.Z][-suffix]} label. */
    public static Optional<ReleaseLabel> parse(String label) {
        Matcher matcher = LABEL.matcher(label == null ? "" : label);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ReleaseLabel(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3))));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    public boolean isAtLeast(ReleaseLabel other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(ReleaseLabel other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "emr-" + major + "." + minor + "." + patch;
    }
}

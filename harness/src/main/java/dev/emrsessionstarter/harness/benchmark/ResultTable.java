package dev.emrsessionstarter.harness.benchmark;

import java.util.ArrayList;
import java.util.List;

/** The benchmarks' results as one Markdown table, so it can go into the README as printed. */
final class ResultTable {

    private final List<String[]> rows = new ArrayList<>();

    void section(String title) {
        rows.add(new String[] {"**" + title + "**", "", "", "", ""});
    }

    void row(String measure, String function, String baseline, String ratio, String goal) {
        rows.add(new String[] {measure, function, baseline, ratio, goal});
    }

    /** A ratio with its goal (NaN: none), marked met or missed. */
    void ratio(String measure, double function, double baseline, String unit, double goal) {
        double ratio = function / baseline;
        row(measure, format(function) + unit, format(baseline) + unit, String.format("%.2f", ratio),
                Double.isNaN(goal) ? "" : String.format("≤ %s: %s", goalText(goal), ratio <= goal ? "met" : "MISSED"));
    }

    /** A goal as written: 1.2, 0.85 (never rounded to a neighbour). */
    private static String goalText(double goal) {
        return java.math.BigDecimal.valueOf(goal).stripTrailingZeros().toPlainString();
    }

    static String format(double value) {
        return value >= 100 ? String.format("%.0f", value) : String.format("%.1f", value);
    }

    String render() {
        StringBuilder out = new StringBuilder("| measure | function | compared with | ratio | goal |\n")
                .append("|---|---:|---:|---:|---|\n");
        for (String[] row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }
}

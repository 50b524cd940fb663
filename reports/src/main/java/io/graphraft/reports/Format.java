package io.graphraft.reports;

import java.util.Locale;

/** Numbers as the report prints them. */
public final class Format {
    private Format() {
    }

    /** A latency given in microseconds: {@code 850 ns}, {@code 135 µs}, {@code 4.82 ms}, {@code 1.30 s}. */
    public static String micros(double micros) {
        if (Double.isNaN(micros)) {
            return "–";
        }
        if (micros < 0) {
            return "−" + micros(-micros); // differences between configurations can be negative
        }
        if (micros < 1) {
            return String.format(Locale.ROOT, "%.0f ns", micros * 1000);
        }
        if (micros < 1000) {
            return String.format(Locale.ROOT, micros < 10 ? "%.2f µs" : "%.0f µs", micros);
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", micros / 1000);
        }
        return String.format(Locale.ROOT, "%.2f s", micros / 1_000_000);
    }

    /** A latency range over iterations: {@code 131–139 µs}. */
    public static String microsRange(double[] range) {
        if (range[0] == range[1]) {
            return micros(range[0]);
        }
        return micros(range[0]) + " – " + micros(range[1]);
    }

    public static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "–";
        }
        if (perSecond >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk/s", perSecond / 1000);
        }
        return String.format(Locale.ROOT, "%.0f/s", perSecond);
    }

    public static String ratio(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "–";
        }
        // below the floor (the in-memory baseline) one decimal would print 0.0×
        return String.format(Locale.ROOT, ratio < 1 ? "%.2f×" : "%.1f×", ratio);
    }

    public static String number(double value, String pattern) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, pattern, value);
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}

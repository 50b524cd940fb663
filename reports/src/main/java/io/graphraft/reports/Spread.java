package io.graphraft.reports;

import java.util.List;
import java.util.Locale;

/**
 * One figure's measured values per fork and iteration, and the verdict two of them support. With more
 * than one fork on both sides the verdict judges fork to fork (the range of the fork means: iterations
 * of one JVM share its JIT and layout, so they understate run-to-run noise); otherwise it judges the
 * range over the iterations.
 */
public record Spread(List<List<Double>> forks) {
    /**
     * Differences smaller than this share of the larger figure are within noise even where the ranges do
     * not overlap: one fork's iterations share a JIT and a page cache and understate run-to-run drift,
     * which on a 2-vCPU VM moved a tight 11.6 ms p50 by 3% between two runs back to back.
     */
    public static final double RESOLUTION = 0.05;

    public Spread {
        forks = forks.stream().filter(f -> !f.isEmpty()).map(List::copyOf).toList();
    }

    public int forkCount() {
        return forks.size();
    }

    public int iterationCount() {
        return forks.stream().mapToInt(List::size).sum();
    }

    /** The same values times {@code factor} (a figure divided by its run's floor). */
    public Spread scaled(double factor) {
        return new Spread(forks.stream().map(f -> f.stream().map(v -> v * factor).toList()).toList());
    }

    /** Lowest and highest fork mean ({@code byFork}) or iteration value. */
    double[] range(boolean byFork) {
        List<Double> values = byFork
                ? forks.stream().map(f -> f.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toList()
                : forks.stream().flatMap(List::stream).toList();
        return new double[] {values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)};
    }

    /** {@code 2f×5i}: forks × iterations per fork (a range when forks differ); {@code no spread kept} without any. */
    public String shape() {
        if (forks.isEmpty()) {
            return "no spread kept";
        }
        int min = forks.stream().mapToInt(List::size).min().orElse(0);
        int max = forks.stream().mapToInt(List::size).max().orElse(0);
        return forkCount() + "f×" + (min == max ? String.valueOf(min) : min + "–" + max) + "i";
    }

    private String lacks() {
        return iterationCount() == 0 ? "kept no per-iteration spread" : "has one measured iteration";
    }

    /** A verdict on two figures and what it rests on. */
    public record Verdict(String text, boolean judged, boolean withinNoise, String basis) {
        @Override
        public String toString() {
            return basis.isEmpty() ? text : text + "  [" + basis + "]";
        }
    }

    /**
     * "within noise" when the two ranges overlap or the figures are less than {@link #RESOLUTION} apart, else which side is lower or higher (whichever is
     * better: {@code higherIsBetter} for rates) and by how much of the larger value.
     */
    public static Verdict judge(String nameA, Spread a, double valueA, String nameB, Spread b, double valueB,
                                boolean higherIsBetter) {
        boolean byFork = a.forkCount() > 1 && b.forkCount() > 1;
        String basis = "A " + a.shape() + ", B " + b.shape() + (byFork ? ", fork to fork" : ", iteration range");
        if (!byFork && (a.iterationCount() < 2 || b.iterationCount() < 2)) {
            String why = (a.iterationCount() < 2 ? "A " + a.lacks() : "")
                    + (a.iterationCount() < 2 && b.iterationCount() < 2 ? ", " : "")
                    + (b.iterationCount() < 2 ? "B " + b.lacks() : "");
            return new Verdict("no spread to judge (" + why + ")", false, false, basis);
        }
        double[] ra = a.range(byFork);
        double[] rb = b.range(byFork);
        if (ra[1] >= rb[0] && rb[1] >= ra[0]) {
            return new Verdict("within noise", true, true, basis);
        }
        double difference = Math.abs(valueB - valueA) / Math.max(Math.abs(valueA), Math.abs(valueB));
        if (difference < RESOLUTION) {
            return new Verdict(String.format(Locale.ROOT, "within noise (%.0f%% apart, under the %.0f%% resolution)",
                    100 * difference, 100 * RESOLUTION), true, true, basis);
        }
        boolean aSmaller = valueA < valueB;
        String side = higherIsBetter ? (aSmaller ? nameB : nameA) + " higher" : (aSmaller ? nameA : nameB) + " lower";
        return new Verdict(String.format(Locale.ROOT, "%s by %.0f%%", side, 100 * difference), true, false, basis);
    }
}

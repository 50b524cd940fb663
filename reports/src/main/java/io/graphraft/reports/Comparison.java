package io.graphraft.reports;

import io.graphraft.reports.runfiles.TrialParameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Two sets of latency distributions side by side: two run folders (trials matched by name), or two
 * engines of one run (trials matched on every other parameter). Each percentile gets a ratio and a
 * verdict that only names a winner when the difference is outside both sides' own spread (the range
 * of that percentile over their measured iterations) — never from one noisy sample. Iterations of one
 * fork understate fork-to-fork noise: the printed header says so.
 */
public final class Comparison {
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};

    /** A matched pair. */
    public record Pair(String label, LatencyDistribution a, LatencyDistribution b) {
    }

    private final String nameA;
    private final String nameB;
    private final List<Pair> pairs;

    private Comparison(String nameA, String nameB, List<Pair> pairs) {
        this.nameA = nameA;
        this.nameB = nameB;
        this.pairs = pairs;
    }

    public static Comparison ofRuns(RunFolder a, RunFolder b) {
        List<Pair> pairs = new ArrayList<>();
        for (LatencyDistribution left : a.latencies()) {
            b.latencies().stream()
                    .filter(right -> right.trial().equals(left.trial()))
                    .findFirst()
                    .filter(right -> left.count() > 0 && right.count() > 0)
                    .ifPresent(right -> pairs.add(new Pair(left.trial().benchmark() + " " + TrialLabels.label(left.trial()),
                            left, right)));
        }
        return new Comparison(a.directory().getFileName().toString(), b.directory().getFileName().toString(), pairs);
    }

    public static Comparison ofEngines(RunFolder run, String engineA, String engineB) {
        List<Pair> pairs = new ArrayList<>();
        for (LatencyDistribution left : run.latencies()) {
            if (!engineA.equals(left.trial().param(TrialParameters.ENGINE, "")) || left.count() == 0) {
                continue;
            }
            Map<String, String> wanted = new LinkedHashMap<>(left.trial().params());
            wanted.put(TrialParameters.ENGINE, engineB);
            Optional<LatencyDistribution> right = run.latencies(left.trial().benchmark()).stream()
                    .filter(l -> l.trial().params().equals(wanted) && l.count() > 0)
                    .findFirst();
            Map<String, String> shown = new LinkedHashMap<>(left.trial().params());
            shown.remove(TrialParameters.ENGINE);
            right.ifPresent(r -> pairs.add(new Pair(left.trial().benchmark() + " " + shown, left, r)));
        }
        return new Comparison(engineA, engineB, pairs);
    }

    public List<Pair> pairs() {
        return pairs;
    }

    /** The verdict for one percentile: "within noise", or which side is lower and by how much. */
    public String verdict(Pair pair, double percentile) {
        double[] a = pair.a().percentileRangeMicros(percentile);
        double[] b = pair.b().percentileRangeMicros(percentile);
        boolean spreadKnown = pair.a().intervals().size() > 1 && pair.b().intervals().size() > 1;
        if (!spreadKnown) {
            return "no spread to judge (single interval)";
        }
        if (a[1] >= b[0] && b[1] >= a[0]) {
            return "within noise";
        }
        double va = pair.a().percentileMicros(percentile);
        double vb = pair.b().percentileMicros(percentile);
        String lower = va < vb ? nameA : nameB;
        return String.format(Locale.ROOT, "%s lower by %.0f%%", lower, 100 * Math.abs(vb - va) / Math.max(va, vb));
    }

    /** The side-by-side text table. */
    public void print(PrintStream out) {
        if (pairs.isEmpty()) {
            out.println("Nothing to compare: no latency distribution of " + nameA + " matches one of " + nameB + ".");
            return;
        }
        out.printf(Locale.ROOT, "A = %s, B = %s; latencies in µs; ratio = B / A; verdicts judge the spread over"
                + " measured iterations (of all forks: with one fork, rerun with -f 2+ before trusting a winner)%n",
                nameA, nameB);
        for (Pair pair : pairs) {
            out.println();
            out.println(pair.label());
            out.printf(Locale.ROOT, "  %-6s %14s %14s %8s  %s%n", "", "A", "B", "B/A", "verdict");
            for (double p : PERCENTILES) {
                double va = pair.a().percentileMicros(p);
                double vb = pair.b().percentileMicros(p);
                String name = p == 100 ? "max" : "p" + (p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p));
                out.printf(Locale.ROOT, "  %-6s %14.1f %14.1f %8.2f  %s%n", name, va, vb, vb / va,
                        p == 100 ? "(max: no verdict)" : verdict(pair, p));
            }
        }
    }

    /** One overlay chart of every pair's percentile curves. */
    public void chart(Path file) {
        List<Charts.Series> series = new ArrayList<>();
        for (Pair pair : pairs) {
            series.add(new Charts.Series("A " + pair.label(), pair.a().percentileCurve()));
            series.add(new Charts.Series("B " + pair.label(), pair.b().percentileCurve()));
        }
        Charts.save(Charts.percentiles("A = " + nameA + " vs B = " + nameB, series, Map.of()), file);
    }
}

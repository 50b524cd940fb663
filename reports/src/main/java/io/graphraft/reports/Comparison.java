package io.graphraft.reports;

import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialName;
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
 * Two sets of measurements side by side: two run folders (trials matched by name), or two engines of
 * one run (trials matched on every other parameter). Each latency percentile, and each JMH score
 * (throughput, single-shot times), gets a ratio and a {@link Spread.Verdict} that only names a winner
 * when the difference is outside both sides' own spread — fork to fork when both have forks, else over
 * the measured iterations — and says what it rests on. Two runs from different machines
 * ({@link MachineDifference}) are judged on each latency as a multiple of its own run's floor.
 */
public final class Comparison {
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};

    /** A matched pair of latency distributions. */
    public record Pair(String label, LatencyDistribution a, LatencyDistribution b) {
    }

    /** A matched pair of JMH scores (throughput or single-shot times). */
    public record ScorePair(String label, JmhResult a, JmhResult b) {
    }

    private final String nameA;
    private final String nameB;
    private final List<Pair> pairs;
    private final List<ScorePair> scores;
    private final Optional<MachineDifference> machines;
    private final RunFolder runA;
    private final RunFolder runB;

    private Comparison(String nameA, String nameB, List<Pair> pairs, List<ScorePair> scores,
                       Optional<MachineDifference> machines, RunFolder runA, RunFolder runB) {
        this.nameA = nameA;
        this.nameB = nameB;
        this.pairs = pairs;
        this.scores = scores;
        this.machines = machines;
        this.runA = runA;
        this.runB = runB;
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
        List<ScorePair> scores = new ArrayList<>();
        for (JmhResult left : a.results()) {
            if (!judgedAsScore(left)) {
                continue;
            }
            b.results(left.benchmark()).stream()
                    .filter(right -> right.params().equals(left.params()) && right.mode().equals(left.mode()))
                    .findFirst()
                    .ifPresent(right -> scores.add(new ScorePair((left.benchmark() + " "
                            + TrialLabels.label(new TrialName(left.benchmark(), left.params()))).replaceAll(" +", " ").trim(),
                            left, right)));
        }
        return new Comparison(a.directory().getFileName().toString(), b.directory().getFileName().toString(), pairs,
                scores, Optional.of(MachineDifference.between(a.env(), b.env())), a, b);
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
        return new Comparison(engineA, engineB, pairs, List.of(), Optional.empty(), run, run);
    }

    /** Scores of sample-time trials are their latency distributions' mean, already judged percentile by percentile. */
    private static boolean judgedAsScore(JmhResult result) {
        return !"sample".equals(result.mode()) && !result.is(BenchmarkId.OPEN_LOOP);
    }

    public List<Pair> pairs() {
        return pairs;
    }

    public List<ScorePair> scores() {
        return scores;
    }

    /** True when two runs come from different machines: latencies are then judged against their floors. */
    public boolean normalized() {
        return machines.map(m -> !m.sameMachine()).orElse(false);
    }

    /** The verdict on one percentile of the pair's absolute latencies. */
    public Spread.Verdict verdict(Pair pair, double percentile) {
        return Spread.judge(nameA, spread(pair.a(), percentile), pair.a().percentileMicros(percentile),
                nameB, spread(pair.b(), percentile), pair.b().percentileMicros(percentile), false);
    }

    /** The verdict on one percentile as a multiple of each run's floor; empty where a trial has no floor. */
    public Optional<Spread.Verdict> normalizedVerdict(Pair pair, double percentile) {
        double floorA = floorMicros(runA, pair.a().trial());
        double floorB = floorMicros(runB, pair.b().trial());
        if (!(floorA > 0) || !(floorB > 0)) {
            return Optional.empty();
        }
        return Optional.of(Spread.judge(nameA, spread(pair.a(), percentile).scaled(1 / floorA),
                pair.a().percentileMicros(percentile) / floorA, nameB, spread(pair.b(), percentile).scaled(1 / floorB),
                pair.b().percentileMicros(percentile) / floorB, false));
    }

    public Spread.Verdict verdict(ScorePair pair) {
        JmhResult.Metric a = pair.a().primary();
        JmhResult.Metric b = pair.b().primary();
        return Spread.judge(nameA, new Spread(a.forks()), a.score(), nameB, new Spread(b.forks()), b.score(),
                a.higherIsBetter());
    }

    private static Spread spread(LatencyDistribution latency, double percentile) {
        return new Spread(latency.percentileByIteration(percentile));
    }

    /**
     * The floor a trial's latency stands on in its run, µs: the fsync floor p50 if it forces its log, plus
     * the loopback round trip p50 if it replicates; NaN when neither applies or the run did not probe it.
     */
    static double floorMicros(RunFolder run, TrialName trial) {
        if (trial.benchmark().equals(BenchmarkId.FLOOR_FSYNC.id())) {
            return run.fsyncFloorP50Micros().orElse(Double.NaN);
        }
        if (trial.benchmark().equals(BenchmarkId.FLOOR_LOOPBACK.id())) {
            return run.loopbackRttP50Micros().orElse(Double.NaN);
        }
        double floor = 0;
        if (TrialParameters.DEFAULT_DURABILITY.equals(trial.param(TrialParameters.DURABILITY, TrialParameters.DEFAULT_DURABILITY))) {
            floor += run.fsyncFloorP50Micros().orElse(Double.NaN);
        }
        if (Integer.parseInt(trial.param(TrialParameters.NODES, TrialParameters.DEFAULT_NODES)) > 1) {
            floor += run.loopbackRttP50Micros().orElse(Double.NaN);
        }
        return floor > 0 ? floor : Double.NaN;
    }

    /** A headline figure of issue 14: 3-node p50/p99 with fsync, 64-writer and batch-100 throughput, election, failover, restart. */
    static boolean headline(Pair pair, double percentile) {
        TrialName t = pair.a().trial();
        return t.benchmark().equals(BenchmarkId.WRITE_LATENCY.id()) && (percentile == 50 || percentile == 99)
                && "3".equals(t.param(TrialParameters.NODES, "")) && "fsync".equals(t.param(TrialParameters.DURABILITY, ""))
                && t.param(TrialParameters.OPTIONS, "").isEmpty();
    }

    static boolean headline(ScorePair pair) {
        JmhResult r = pair.a();
        boolean engineTimeouts = TrialParameters.ENGINE_DEFAULT.equals(
                r.param(TrialParameters.ELECTION_TIMEOUT_MS, TrialParameters.ENGINE_DEFAULT));
        return (r.is(BenchmarkId.CONCURRENT_WRITERS) && "64".equals(r.param(TrialParameters.WRITERS, "")))
                || (r.is(BenchmarkId.BATCHING) && "100".equals(r.param(TrialParameters.OPS_PER_ENTRY, "")))
                || ((r.is(BenchmarkId.COLD_START) || r.is(BenchmarkId.FAILOVER)) && engineTimeouts)
                || r.is(BenchmarkId.RESTART);
    }

    /** What the verdicts judged, in a sentence. */
    public String judgedWhat() {
        if (machines.isEmpty()) {
            return "Both from one run: verdicts judge absolute figures.";
        }
        MachineDifference m = machines.get();
        if (m.floorMoved()) {
            return "Same machine (CPU model, cores, kernel and filesystem agree), but its floor moved between the runs ("
                    + String.join("; ", m.floors()) + "): verdicts judge absolute figures; a latency that moved with the"
                    + " floor may be the machine's change, not the engine's.";
        }
        if (m.sameMachine()) {
            return "Same machine (CPU model, cores, kernel, filesystem and floor probes agree): verdicts judge absolute figures.";
        }
        return "Different machines (" + String.join("; ", m.differences()) + "): latency verdicts judge each latency as a"
                + " multiple of its own run's floor (fsync p50 if it forces its log, + loopback RTT p50 if it replicates);"
                + " trials without a floor, throughput and single-shot times are judged absolute — read those with care.";
    }

    /** The side-by-side text table. */
    public void print(PrintStream out) {
        if (pairs.isEmpty() && scores.isEmpty()) {
            out.println("Nothing to compare: no measurement of " + nameA + " matches one of " + nameB + ".");
            return;
        }
        boolean normalized = normalized();
        out.printf(Locale.ROOT, "A = %s, B = %s; latencies in µs; ratio = B / A.%n", nameA, nameB);
        out.println(judgedWhat());
        out.println("A verdict judges fork to fork (fork means) when both sides have forks, else the range over measured"
                + " iterations; [A 1f×3i, ...] says what it rests on: forks × iterations per fork.");
        if (normalized) {
            out.printf(Locale.ROOT, "Floors: A fsync p50 %s, RTT p50 %s; B fsync p50 %s, RTT p50 %s.%n",
                    Format.micros(runA.fsyncFloorP50Micros().orElse(Double.NaN)),
                    Format.micros(runA.loopbackRttP50Micros().orElse(Double.NaN)),
                    Format.micros(runB.fsyncFloorP50Micros().orElse(Double.NaN)),
                    Format.micros(runB.loopbackRttP50Micros().orElse(Double.NaN)));
        }
        int headlines = 0;
        int headlinesWithin = 0;
        List<String> headlinesOutside = new ArrayList<>();
        for (Pair pair : pairs) {
            out.println();
            out.println(pair.label());
            double floorA = floorMicros(runA, pair.a().trial());
            double floorB = floorMicros(runB, pair.b().trial());
            if (normalized) {
                out.printf(Locale.ROOT, "  %-6s %12s %12s %7s %9s %9s %7s  %s%n", "", "A", "B", "B/A", "A÷floor", "B÷floor",
                        "norm B/A", "verdict");
            } else {
                out.printf(Locale.ROOT, "  %-6s %14s %14s %8s  %s%n", "", "A", "B", "B/A", "verdict");
            }
            for (double p : PERCENTILES) {
                double va = pair.a().percentileMicros(p);
                double vb = pair.b().percentileMicros(p);
                String name = p == 100 ? "max" : "p" + (p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p));
                Optional<Spread.Verdict> verdict = Optional.empty();
                String shown = "(max: no verdict)";
                if (p != 100) {
                    Optional<Spread.Verdict> norm = normalized ? normalizedVerdict(pair, p) : Optional.empty();
                    verdict = Optional.of(norm.orElseGet(() -> verdict(pair, p)));
                    shown = (normalized ? (norm.isPresent() ? "normalized: " : "absolute (no floor): ") : "")
                            + verdict.get();
                }
                if (normalized) {
                    out.printf(Locale.ROOT, "  %-6s %12.1f %12.1f %7.2f %9.2f %9.2f %7.2f  %s%n", name, va, vb, vb / va,
                            va / floorA, vb / floorB, (vb / floorB) / (va / floorA), shown);
                } else {
                    out.printf(Locale.ROOT, "  %-6s %14.1f %14.1f %8.2f  %s%n", name, va, vb, vb / va, shown);
                }
                if (verdict.isPresent() && headline(pair, p)) {
                    headlines++;
                    if (verdict.get().withinNoise()) {
                        headlinesWithin++;
                    } else {
                        headlinesOutside.add(pair.label() + " " + name + ": " + verdict.get().text());
                    }
                }
            }
        }
        if (!scores.isEmpty()) {
            out.println();
            out.println("JMH scores (throughput, single-shot times)" + (normalized ? ", judged absolute" : "") + ":");
            for (ScorePair pair : scores) {
                JmhResult.Metric a = pair.a().primary();
                JmhResult.Metric b = pair.b().primary();
                Spread.Verdict verdict = verdict(pair);
                out.printf(Locale.ROOT, "  %-70s %12.1f %12.1f %-10s %6.2f  %s%n", pair.label(), a.score(), b.score(),
                        a.unit(), b.score() / a.score(), verdict);
                if (headline(pair)) {
                    headlines++;
                    if (verdict.withinNoise()) {
                        headlinesWithin++;
                    } else {
                        headlinesOutside.add(pair.label() + ": " + verdict.text());
                    }
                }
            }
        }
        if (headlines > 0) {
            out.println();
            out.printf(Locale.ROOT, "Headline figures within noise: %d of %d (%.0f%%)%s%n", headlinesWithin, headlines,
                    100.0 * headlinesWithin / headlines, headlinesOutside.isEmpty() ? "." : "; outside:");
            headlinesOutside.forEach(h -> out.println("  " + h));
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

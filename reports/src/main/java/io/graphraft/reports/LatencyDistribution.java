package io.graphraft.reports;

import io.graphraft.reports.runfiles.IntervalLog;
import io.graphraft.reports.runfiles.RunFiles;
import io.graphraft.reports.runfiles.SpreadSummary;
import io.graphraft.reports.runfiles.TrialName;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One trial's latency distribution as the harness wrote it. From the {@code .hlog} (nanoseconds)
 * the measured intervals of every fork give exact percentiles and their spread across iterations and
 * forks; a run kept without .hlog files (as reports/reference is committed, to stay small) falls back
 * to the {@code .hgrm} percentile rows (microseconds), taking the first printed percentile at or above
 * the one asked for, and to its {@code spread.json} for the spread.
 */
public final class LatencyDistribution {
    private final TrialName trial;
    private final Path hgrm;
    private final Path hlog;
    private final SpreadSummary.TrialSpread keptSpread;
    private List<List<Histogram>> forkIntervals;
    private List<Histogram> intervals;
    private Histogram merged;
    private List<double[]> hgrmRows;

    LatencyDistribution(TrialName trial, Path hgrm, Path hlog, SpreadSummary.TrialSpread keptSpread) {
        this.trial = trial;
        this.hgrm = hgrm;
        this.hlog = hlog;
        this.keptSpread = keptSpread;
    }

    public TrialName trial() {
        return trial;
    }

    public boolean exact() {
        return hlog != null && Files.exists(hlog);
    }

    /** The measured intervals of every fork (one per JMH measurement iteration), or empty without an .hlog. */
    public List<Histogram> intervals() {
        if (intervals == null) {
            intervals = forkIntervals().stream().flatMap(List::stream).toList();
        }
        return intervals;
    }

    private List<List<Histogram>> forkIntervals() {
        if (forkIntervals == null) {
            forkIntervals = exact() ? IntervalLog.measuredByFork(hlog) : List.of();
        }
        return forkIntervals;
    }

    /**
     * Per fork, the measured iterations' percentiles ({@link SpreadSummary#PERCENTILES}): from the .hlog,
     * else from the run's spread.json; empty if neither kept them.
     */
    public List<List<SpreadSummary.Iteration>> forks() {
        if (exact()) {
            return forkIntervals().stream().map(fork -> fork.stream().map(LatencyDistribution::iteration).toList()).toList();
        }
        return keptSpread != null ? keptSpread.forks() : List.of();
    }

    /** Where {@link #forks()} comes from: {@code hlog}, {@code jmh-sample}, or empty. */
    public Optional<String> spreadSource() {
        return exact() ? Optional.of(SpreadSummary.FROM_HLOG) : Optional.ofNullable(keptSpread).map(SpreadSummary.TrialSpread::source);
    }

    /** The spread.json entry of this trial: from the .hlog if there is one, else what was kept. */
    public Optional<SpreadSummary.TrialSpread> spread() {
        List<List<SpreadSummary.Iteration>> forks = forks();
        return forks.isEmpty() ? Optional.empty() : Optional.of(new SpreadSummary.TrialSpread(spreadSource().orElseThrow(), forks));
    }

    private static SpreadSummary.Iteration iteration(Histogram interval) {
        Map<String, Double> micros = new LinkedHashMap<>();
        for (double p : SpreadSummary.PERCENTILES) {
            micros.put(SpreadSummary.key(p), interval.getValueAtPercentile(p) / 1000.0);
        }
        return new SpreadSummary.Iteration(interval.getTotalCount(), micros);
    }

    /** All measured operations in one histogram (nanoseconds), or null without an .hlog. */
    public Histogram histogram() {
        if (merged == null && exact()) {
            merged = new Histogram(RunFiles.SIGNIFICANT_DIGITS);
            intervals().forEach(merged::add);
        }
        return merged;
    }

    public long count() {
        Histogram histogram = histogram();
        if (histogram != null) {
            return histogram.getTotalCount();
        }
        List<double[]> rows = hgrmRows();
        return rows.isEmpty() ? 0 : (long) rows.get(rows.size() - 1)[2];
    }

    /** The latency at {@code percentile} (0–100) in microseconds. */
    public double percentileMicros(double percentile) {
        Histogram histogram = histogram();
        if (histogram != null) {
            return histogram.getValueAtPercentile(percentile) / 1000.0;
        }
        for (double[] row : hgrmRows()) {
            if (row[1] * 100 >= percentile - 1e-9) {
                return row[0];
            }
        }
        List<double[]> rows = hgrmRows();
        return rows.isEmpty() ? Double.NaN : rows.get(rows.size() - 1)[0];
    }

    public double maxMicros() {
        Histogram histogram = histogram();
        return histogram != null ? histogram.getMaxValue() / 1000.0 : percentileMicros(100);
    }

    /**
     * The lowest and highest value of {@code percentile} over the measured iterations of all forks (from
     * the .hlog, else spread.json); [v, v] without two of them.
     */
    public double[] percentileRangeMicros(double percentile) {
        List<Double> values = new ArrayList<>();
        if (exact()) {
            intervals().stream().filter(i -> i.getTotalCount() > 0)
                    .forEach(i -> values.add(i.getValueAtPercentile(percentile) / 1000.0));
        } else {
            forks().forEach(fork -> fork.stream().filter(i -> i.count() > 0)
                    .forEach(i -> i.at(percentile).ifPresent(values::add)));
        }
        if (values.size() < 2) {
            double value = percentileMicros(percentile);
            return new double[] {value, value};
        }
        return new double[] {values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()};
    }

    /** Per fork, the value of {@code percentile} in each measured iteration (µs); empty where not kept. */
    public List<List<Double>> percentileByIteration(double percentile) {
        if (exact()) {
            return forkIntervals().stream().map(fork -> fork.stream().filter(i -> i.getTotalCount() > 0)
                    .map(i -> i.getValueAtPercentile(percentile) / 1000.0).toList()).filter(f -> !f.isEmpty()).toList();
        }
        return forks().stream().map(fork -> fork.stream().filter(i -> i.count() > 0)
                .flatMap(i -> i.at(percentile).stream()).toList()).filter(f -> !f.isEmpty()).toList();
    }

    /** Points (1/(1−p), microseconds) for a percentile-distribution chart. */
    public List<double[]> percentileCurve() {
        List<double[]> points = new ArrayList<>();
        Histogram histogram = histogram();
        if (histogram != null) {
            histogram.percentiles(5).forEach(v -> {
                double p = v.getPercentileLevelIteratedTo() / 100.0;
                if (p < 1.0) {
                    points.add(new double[] {1 / (1 - p), v.getValueIteratedTo() / 1000.0});
                }
            });
        } else {
            for (double[] row : hgrmRows()) {
                if (row[1] < 1.0) {
                    points.add(new double[] {1 / (1 - row[1]), row[0]});
                }
            }
        }
        return points;
    }

    /** Rows {value µs, percentile 0–1, total count} of the .hgrm. */
    private List<double[]> hgrmRows() {
        if (hgrmRows == null) {
            hgrmRows = new ArrayList<>();
            if (hgrm != null && Files.exists(hgrm)) {
                try {
                    for (String line : Files.readAllLines(hgrm)) {
                        String trimmed = line.trim();
                        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("Value")) {
                            continue;
                        }
                        String[] cols = trimmed.split("\\s+");
                        if (cols.length >= 3) {
                            hgrmRows.add(new double[] {Double.parseDouble(cols[0]), Double.parseDouble(cols[1]),
                                    Double.parseDouble(cols[2])});
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + hgrm, e);
                }
            }
        }
        return hgrmRows;
    }
}

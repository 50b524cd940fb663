package io.graphraft.reports;

import io.graphraft.reports.runfiles.RunFiles;
import io.graphraft.reports.runfiles.TrialName;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One trial's latency distribution as the harness wrote it. From the {@code .hlog} (nanoseconds)
 * the measured intervals give exact percentiles and their spread across iterations; a run kept
 * without .hlog files (as reports/reference is committed, to stay small) falls back to the
 * {@code .hgrm} percentile rows (microseconds), taking the first printed percentile at or above the
 * one asked for.
 */
public final class LatencyDistribution {
    private final TrialName trial;
    private final Path hgrm;
    private final Path hlog;
    private List<Histogram> intervals;
    private Histogram merged;
    private List<double[]> hgrmRows;

    LatencyDistribution(TrialName trial, Path hgrm, Path hlog) {
        this.trial = trial;
        this.hgrm = hgrm;
        this.hlog = hlog;
    }

    public TrialName trial() {
        return trial;
    }

    public boolean exact() {
        return hlog != null && Files.exists(hlog);
    }

    /** The measured intervals (one per JMH measurement iteration), or empty without an .hlog. */
    public List<Histogram> intervals() {
        if (intervals == null) {
            intervals = new ArrayList<>();
            if (exact()) {
                try {
                    HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
                    for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
                        Histogram histogram = (Histogram) h;
                        if (histogram.getTag() == null || RunFiles.MEASUREMENT.equals(histogram.getTag())) {
                            intervals.add(histogram);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + hlog, e);
                }
            }
        }
        return intervals;
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

    /** The lowest and highest value of {@code percentile} over the measured intervals; [v, v] without them. */
    public double[] percentileRangeMicros(double percentile) {
        List<Histogram> list = intervals();
        if (list.size() < 2) {
            double value = percentileMicros(percentile);
            return new double[] {value, value};
        }
        double low = Double.MAX_VALUE;
        double high = 0;
        for (Histogram interval : list) {
            if (interval.getTotalCount() == 0) {
                continue;
            }
            double value = interval.getValueAtPercentile(percentile) / 1000.0;
            low = Math.min(low, value);
            high = Math.max(high, value);
        }
        return new double[] {low, high};
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

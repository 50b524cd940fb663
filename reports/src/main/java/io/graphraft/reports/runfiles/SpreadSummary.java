package io.graphraft.reports.runfiles;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code spread.json}: each latency trial's percentiles iteration by iteration, fork by fork — what a
 * comparison judges noise on — in a few kilobytes, so a run kept without its .hlog files (the
 * committed reference) still gives verdicts. Keys of {@link #trials} are trial file names
 * ({@link TrialName#fileName()}); percentile keys are {@link #PERCENTILES} as printed by
 * {@link #key(double)}; values are microseconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpreadSummary(String about, Map<String, TrialSpread> trials) {
    /** The percentiles kept per iteration. */
    public static final double[] PERCENTILES = {50, 90, 99, 99.9};
    /** Where the iterations came from: the trial's .hlog (every operation). */
    public static final String FROM_HLOG = "hlog";
    /** Where the iterations came from: JMH's per-iteration sample-time histograms in jmh-result.json. */
    public static final String FROM_JMH_SAMPLES = "jmh-sample";

    public SpreadSummary {
        trials = trials != null ? trials : new LinkedHashMap<>();
    }

    /** One trial: its source and, per fork, its measured iterations. */
    public record TrialSpread(String source, List<List<Iteration>> forks) {
    }

    /** One measured iteration: operations counted and the latency at each kept percentile, µs. */
    public record Iteration(long count, Map<String, Double> micros) {
        public Optional<Double> at(double percentile) {
            return Optional.ofNullable(micros.get(key(percentile)));
        }
    }

    /** {@code 50}, {@code 99.9}: how a percentile is keyed. */
    public static String key(double percentile) {
        return percentile == Math.rint(percentile) ? String.valueOf((int) percentile) : String.valueOf(percentile);
    }

    public Optional<TrialSpread> of(TrialName trial) {
        return Optional.ofNullable(trials.get(trial.fileName()));
    }

    public Path write(Path run) {
        return RunJson.write(run.resolve(RunFiles.SPREAD), this);
    }

    /** The run folder's spread.json, or an empty summary if it has none. */
    public static SpreadSummary read(Path run) {
        Path file = run.resolve(RunFiles.SPREAD);
        return Files.exists(file) ? RunJson.read(file, SpreadSummary.class) : new SpreadSummary(null, null);
    }
}

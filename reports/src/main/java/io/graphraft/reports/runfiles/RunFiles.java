package io.graphraft.reports.runfiles;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The files of a run folder ({@code reports/runs/<timestamp>/}) and the conventions of its latency
 * logs. Per trial ({@link TrialName#fileName()}): {@code .hgrm} (HdrHistogram percentile
 * distribution of the measured iterations, in microseconds), {@code .hlog} (HdrHistogram interval log,
 * one interval per iteration tagged {@link #WARMUP} or {@link #MEASUREMENT}, in nanoseconds) and
 * {@code .facts.json} (measured facts that are not times).
 */
public final class RunFiles {
    /** Where run folders go unless told otherwise. */
    public static final Path DEFAULT_RUNS = Paths.get("reports", "runs");
    public static final String ENV = "env.json";
    public static final String JMH_RESULT = "jmh-result.json";
    public static final String REPORT = "report.md";
    public static final String CHARTS = "charts";
    public static final String HGRM = ".hgrm";
    public static final String HLOG = ".hlog";
    public static final String FACTS = ".facts.json";
    /** Tags of .hlog intervals. */
    public static final String WARMUP = "warmup";
    public static final String MEASUREMENT = "measurement";
    /** Significant digits of every latency histogram the harness records (HdrHistogram precision). */
    public static final int SIGNIFICANT_DIGITS = 3;
    /** .hgrm values are microseconds: nanoseconds ÷ this (HdrHistogram's output scaling ratio). */
    public static final double HGRM_UNIT_RATIO = 1000.0;

    private RunFiles() {
    }

    public static Path hgrm(Path run, TrialName trial) {
        return run.resolve(trial.fileName() + HGRM);
    }

    public static Path hlog(Path run, TrialName trial) {
        return run.resolve(trial.fileName() + HLOG);
    }

    public static Path facts(Path run, TrialName trial) {
        return run.resolve(trial.fileName() + FACTS);
    }

    /** The trial a file belongs to, if it is a trial file ({@code .hgrm}, {@code .hlog}, {@code .facts.json}). */
    public static java.util.Optional<TrialName> trialOf(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : new String[] {HGRM, HLOG, FACTS}) {
            if (name.endsWith(suffix)) {
                return java.util.Optional.of(TrialName.parse(name.substring(0, name.length() - suffix.length())));
            }
        }
        return java.util.Optional.empty();
    }
}

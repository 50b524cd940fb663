package io.graphraft.bench.run;

import io.graphraft.bench.load.OpenLoopDriver;
import io.graphraft.reports.runfiles.OpenLoopFacts;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;

/**
 * Writes an open-loop run's files: its response and service distributions (the trial with
 * {@code latency=response|service}) and its {@link OpenLoopFacts}.
 */
public final class OpenLoopFiles {
    private OpenLoopFiles() {
    }

    /** Writes into this JVM's run folder ({@link RunDirectory#current()}). */
    public static OpenLoopFacts write(TrialName trial, OpenLoopDriver.Outcome outcome) {
        return write(RunDirectory.current(), trial, outcome);
    }

    public static OpenLoopFacts write(Path run, TrialName trial, OpenLoopDriver.Outcome outcome) {
        writeDistribution(run, trial.with(TrialParameters.LATENCY, TrialParameters.RESPONSE), outcome.response());
        writeDistribution(run, trial.with(TrialParameters.LATENCY, TrialParameters.SERVICE), outcome.service());
        OpenLoopFacts facts = summary(outcome);
        facts.write(run, trial);
        return facts;
    }

    public static OpenLoopFacts summary(OpenLoopDriver.Outcome outcome) {
        return new OpenLoopFacts(outcome.ratePerSecond(), Math.round(outcome.achievedPerSecond()), outcome.sent(),
                outcome.completed(), outcome.failed(), outcome.saturated(),
                micros(outcome.response(), 50), micros(outcome.response(), 99), micros(outcome.response(), 99.9),
                micros(outcome.service(), 50), micros(outcome.service(), 99));
    }

    public static double micros(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The whole run as one measured interval: .hlog and .hgrm like every other latency. */
    private static void writeDistribution(Path run, TrialName trial, Histogram histogram) {
        try (LatencyLog log = LatencyLog.open(run, trial)) {
            log.add(histogram);
            log.endInterval(true);
        }
    }
}

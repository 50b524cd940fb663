package io.graphraft.bench.run;

import io.graphraft.bench.load.OpenLoopDriver;
import io.graphraft.reports.runfiles.OpenLoopFacts;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;

/**
 * Writes an open-loop run's files: its response and service distributions (the trial with
 * {@code latency=response|service}) and its {@link OpenLoopFacts}. A run of a mixed workload (a trial
 * that names {@code workload}) writes them per operation instead ({@code operation=read|write}: reads
 * and writes in distributions of their own), besides the facts of all its requests together.
 */
public final class OpenLoopFiles {
    private OpenLoopFiles() {
    }

    /** Writes into this JVM's run folder ({@link RunDirectory#current()}). */
    public static OpenLoopFacts write(TrialName trial, OpenLoopDriver.Outcome outcome) {
        return write(RunDirectory.current(), trial, outcome);
    }

    public static OpenLoopFacts write(Path run, TrialName trial, OpenLoopDriver.Outcome outcome) {
        if (trial.param(TrialParameters.WORKLOAD).isEmpty()) {
            writeDistributions(run, trial, outcome.response(), outcome.service());
        } else {
            outcome.byKind().forEach((kind, of) -> {
                TrialName operation = trial.with(TrialParameters.OPERATION, operation(kind));
                writeDistributions(run, operation, of.response(), of.service());
                summary(outcome, of).write(run, operation);
            });
        }
        OpenLoopFacts facts = summary(outcome);
        facts.write(run, trial);
        return facts;
    }

    /** The {@code operation} value of a request kind's files. */
    public static String operation(OpenLoopDriver.RequestKind kind) {
        return switch (kind) {
            case READ -> TrialParameters.READ;
            case WRITE -> TrialParameters.WRITE;
        };
    }

    /**
     * One kind's facts: its counts and percentiles, its completions per second of the run's sending; the
     * target rate is the run's (all requests), the kind's share of it is in its sent count.
     */
    public static OpenLoopFacts summary(OpenLoopDriver.Outcome outcome, OpenLoopDriver.KindOutcome kind) {
        double achieved = outcome.seconds() > 0 ? kind.completed() / outcome.seconds() : 0;
        return new OpenLoopFacts(outcome.ratePerSecond(), Math.round(achieved), kind.sent(), kind.completed(),
                kind.failed(), outcome.saturated(), micros(kind.response(), 50), micros(kind.response(), 99),
                micros(kind.response(), 99.9), micros(kind.service(), 50), micros(kind.service(), 99));
    }

    private static void writeDistributions(Path run, TrialName trial, Histogram response, Histogram service) {
        writeDistribution(run, trial.with(TrialParameters.LATENCY, TrialParameters.RESPONSE), response);
        writeDistribution(run, trial.with(TrialParameters.LATENCY, TrialParameters.SERVICE), service);
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

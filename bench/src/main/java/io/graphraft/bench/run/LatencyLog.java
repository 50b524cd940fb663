package io.graphraft.bench.run;

import io.graphraft.reports.runfiles.IntervalLog;
import io.graphraft.reports.runfiles.RunFiles;
import io.graphraft.reports.runfiles.TrialName;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every operation's latency in an HdrHistogram (auto-resizing, 3 significant digits, nanoseconds):
 * an interval per JMH iteration appended to the trial's {@code .hlog} ({@link IntervalLog}: warm-up
 * intervals tagged, one header block per fork), and the measurement iterations' percentile distribution
 * of every fork so far in its {@code .hgrm} (in microseconds); see {@link RunFiles}.
 */
public final class LatencyLog implements AutoCloseable {

    private final Path hgrm;
    private final Path hlogFile;
    private final boolean hlogExisted;
    private final Recorder recorder = new Recorder(RunFiles.SIGNIFICANT_DIGITS);
    private final Histogram measured = new Histogram(RunFiles.SIGNIFICANT_DIGITS);
    private final IntervalLog.Writer hlog;
    private Histogram interval;
    private boolean recordedAnyInterval;

    private LatencyLog(Path directory, TrialName trial) {
        this.hgrm = RunFiles.hgrm(directory, trial);
        this.hlogFile = RunFiles.hlog(directory, trial);
        this.hlogExisted = Files.exists(hlogFile);
        this.hlog = IntervalLog.append(hlogFile, "GraphRaft Lab latency log: " + trial.fileName() + "; values in nanoseconds");
    }

    /** Opens the trial's {@code .hgrm}/{@code .hlog} in the current run folder. */
    public static LatencyLog open(TrialName trial) {
        return new LatencyLog(RunDirectory.current(), trial);
    }

    public static LatencyLog open(Path directory, TrialName trial) {
        return new LatencyLog(directory, trial);
    }

    /** Records one latency in nanoseconds; safe from any thread. */
    public void record(long nanos) {
        recorder.recordValue(Math.max(0, nanos));
    }

    /** Records a whole histogram of nanosecond latencies recorded elsewhere (the open-loop driver's). */
    public void add(Histogram histogram) {
        for (org.HdrHistogram.HistogramIterationValue value : histogram.recordedValues()) {
            recorder.recordValueWithCount(value.getValueIteratedTo(), value.getCountAtValueIteratedTo());
        }
    }

    /** Ends an interval (a JMH iteration): logs it (warm-up tagged) and, if measured, adds it to the distribution. */
    public synchronized void endInterval(boolean measurement) {
        interval = recorder.getIntervalHistogram(interval);
        recordedAnyInterval |= interval.getTotalCount() > 0;
        hlog.interval(interval, measurement);
        if (measurement) {
            measured.add(interval);
        }
    }

    /** The measured distribution so far (a copy). */
    public synchronized Histogram measured() {
        return measured.copy();
    }

    /**
     * Writes the .hgrm percentile distribution of every fork's measured intervals and closes the .hlog.
     * A benchmark that recorded nothing (single-shot timings are in the JMH results) leaves no files.
     */
    @Override
    public synchronized void close() {
        interval = recorder.getIntervalHistogram(interval);
        hlog.close();
        if (measured.getTotalCount() == 0 && interval.getTotalCount() == 0 && !recordedAnyInterval) {
            if (!hlogExisted) {
                try {
                    Files.deleteIfExists(hlogFile);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete empty " + hlogFile, e);
                }
            }
            return;
        }
        try (PrintStream out = new PrintStream(hgrm.toFile(), "UTF-8")) {
            IntervalLog.measured(hlogFile).outputPercentileDistribution(out, RunFiles.HGRM_UNIT_RATIO);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + hgrm, e);
        }
    }
}

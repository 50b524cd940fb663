package io.graphraft.bench.run;

import io.graphraft.reports.runfiles.RunFiles;
import io.graphraft.reports.runfiles.TrialName;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Every operation's latency in an HdrHistogram (auto-resizing, 3 significant digits, nanoseconds):
 * an interval per JMH iteration in the trial's {@code .hlog} (tagged warmup or measurement), and the
 * measurement iterations' percentile distribution in its {@code .hgrm} (in microseconds); see {@link RunFiles}.
 */
public final class LatencyLog implements AutoCloseable {

    private final Path hgrm;
    private final Path hlogFile;
    private final Recorder recorder = new Recorder(RunFiles.SIGNIFICANT_DIGITS);
    private final Histogram measured = new Histogram(RunFiles.SIGNIFICANT_DIGITS);
    private final PrintStream hlogStream;
    private final HistogramLogWriter hlog;
    private final long startMillis = System.currentTimeMillis();
    private Histogram interval;
    private boolean recordedAnyInterval;

    private LatencyLog(Path directory, TrialName trial) {
        String name = trial.fileName();
        this.hgrm = RunFiles.hgrm(directory, trial);
        this.hlogFile = RunFiles.hlog(directory, trial);
        try {
            this.hlogStream = new PrintStream(hlogFile.toFile(), "UTF-8");
        } catch (FileNotFoundException | java.io.UnsupportedEncodingException e) {
            throw new UncheckedIOException(new IOException("cannot write " + hlogFile, e));
        }
        this.hlog = new HistogramLogWriter(hlogStream);
        hlog.outputLogFormatVersion();
        hlog.outputComment("GraphRaft Lab latency log: " + name + "; values in nanoseconds");
        hlog.outputStartTime(startMillis);
        hlog.setBaseTime(startMillis);
        hlog.outputLegend();
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

    /** Ends an interval (a JMH iteration): logs it with its tag and, if measured, adds it to the distribution. */
    public synchronized void endInterval(boolean measurement) {
        interval = recorder.getIntervalHistogram(interval);
        interval.setTag(measurement ? RunFiles.MEASUREMENT : RunFiles.WARMUP);
        recordedAnyInterval |= interval.getTotalCount() > 0;
        hlog.outputIntervalHistogram(interval);
        if (measurement) {
            measured.add(interval);
        }
    }

    /** The measured distribution so far (a copy). */
    public synchronized Histogram measured() {
        return measured.copy();
    }

    /**
     * Writes the .hgrm percentile distribution and closes the .hlog. A benchmark that recorded
     * nothing (single-shot timings are in the JMH results) leaves no files.
     */
    @Override
    public synchronized void close() {
        interval = recorder.getIntervalHistogram(interval);
        if (measured.getTotalCount() == 0 && interval.getTotalCount() == 0 && !recordedAnyInterval) {
            hlogStream.close();
            try {
                java.nio.file.Files.deleteIfExists(hlogFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete empty " + hlogFile, e);
            }
            return;
        }
        try (PrintStream out = new PrintStream(hgrm.toFile(), "UTF-8")) {
            measured.outputPercentileDistribution(out, RunFiles.HGRM_UNIT_RATIO);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + hgrm, e);
        } finally {
            hlogStream.close();
        }
    }
}

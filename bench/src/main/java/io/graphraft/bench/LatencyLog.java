package io.graphraft.bench;

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
 * an interval per JMH iteration in {@code <name>.hlog} (tagged warmup or measurement), and the
 * measurement iterations' percentile distribution in {@code <name>.hgrm} (in microseconds).
 */
public final class LatencyLog implements AutoCloseable {
    public static final int SIGNIFICANT_DIGITS = 3;
    /** .hgrm values are written in microseconds (HdrHistogram's output scaling ratio). */
    public static final double HGRM_UNIT_RATIO = 1000.0;

    private final Path hgrm;
    private final Path hlogFile;
    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram measured = new Histogram(SIGNIFICANT_DIGITS);
    private final PrintStream hlogStream;
    private final HistogramLogWriter hlog;
    private final long startMillis = System.currentTimeMillis();
    private Histogram interval;
    private boolean recordedAnyInterval;

    private LatencyLog(Path directory, String name) {
        this.hgrm = directory.resolve(name + ".hgrm");
        this.hlogFile = directory.resolve(name + ".hlog");
        try {
            this.hlogStream = new PrintStream(hlogFile.toFile(), "UTF-8");
        } catch (FileNotFoundException | java.io.UnsupportedEncodingException e) {
            throw new UncheckedIOException(new IOException("cannot write " + name + ".hlog in " + directory, e));
        }
        this.hlog = new HistogramLogWriter(hlogStream);
        hlog.outputLogFormatVersion();
        hlog.outputComment("GraphRaft Lab latency log: " + name + "; values in nanoseconds");
        hlog.outputStartTime(startMillis);
        hlog.setBaseTime(startMillis);
        hlog.outputLegend();
    }

    /** Opens {@code <name>.hgrm}/{@code .hlog} in the current run folder. */
    public static LatencyLog open(String name) {
        return new LatencyLog(RunDirectory.current(), name);
    }

    static LatencyLog open(Path directory, String name) {
        return new LatencyLog(directory, name);
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
        interval.setTag(measurement ? "measurement" : "warmup");
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
            measured.outputPercentileDistribution(out, HGRM_UNIT_RATIO);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + hgrm, e);
        } finally {
            hlogStream.close();
        }
    }
}

package io.graphraft.reports.runfiles;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trial's {@code .hlog}: HdrHistogram's interval log, one interval per iteration, in nanoseconds.
 * Measurement intervals are untagged and warm-up intervals tagged {@link RunFiles#WARMUP}, so
 * HdrHistogram's own {@code HistogramLogProcessor -i <file>.hlog} (which reads untagged intervals
 * unless given {@code -tag}) prints the measured distribution as it is. Every JVM that records the
 * trial (each JMH fork; each open-loop shot of a fork) appends its own header block naming its
 * process, so the file keeps every fork and a reader can tell them apart ({@link #measuredByFork}).
 * Files written before this convention tagged measurement intervals {@link RunFiles#MEASUREMENT};
 * they still read.
 */
public final class IntervalLog {
    /** The header comment that names the process writing the block that follows. */
    static final String PROCESS = "#[Process: ";
    private static final String VERSION = "#[Histogram log format version";

    private IntervalLog() {
    }

    /** Appends a header block for this process to {@code file} (created if missing) and returns its writer. */
    public static Writer append(Path file, String comment) {
        return append(file, comment, String.valueOf(ProcessHandle.current().pid()));
    }

    /** As {@link #append(Path, String)}, naming the writing process {@code process} (tests stand in for forks). */
    static Writer append(Path file, String comment, String process) {
        return new Writer(file, comment, process);
    }

    /** Writes one JVM's intervals. Not thread-safe: callers serialize {@link #interval}. */
    public static final class Writer implements AutoCloseable {
        private final PrintStream stream;
        private final HistogramLogWriter log;

        private Writer(Path file, String comment, String process) {
            try {
                stream = new PrintStream(new FileOutputStream(file.toFile(), true), false, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            long now = System.currentTimeMillis();
            log = new HistogramLogWriter(stream);
            log.outputLogFormatVersion();
            log.outputComment(comment);
            stream.println(PROCESS + process + "]");
            log.outputStartTime(now);
            // Each block states its base time: without it a reader keeps the first block's, and HistogramLogProcessor
            // drops a later fork's intervals as earlier than that fork's StartTime.
            log.outputBaseTime(now);
            log.setBaseTime(now);
            log.outputLegend();
            stream.flush();
        }

        /** Logs one iteration: untagged if measured, tagged warm-up otherwise. */
        public void interval(Histogram interval, boolean measurement) {
            interval.setTag(measurement ? null : RunFiles.WARMUP);
            log.outputIntervalHistogram(interval);
            stream.flush();
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    /** The measured intervals of every fork (process) in the file, forks in the order they first wrote. */
    public static List<List<Histogram>> measuredByFork(Path file) {
        Map<String, List<Histogram>> forks = new LinkedHashMap<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int block = 0;
        for (String segment : blocks(text)) {
            String process = segment.lines().filter(l -> l.startsWith(PROCESS))
                    .map(l -> l.substring(PROCESS.length(), l.length() - 1)).findFirst()
                    .orElse("block " + block); // an older file: one block, one fork
            block++;
            List<Histogram> measured = forks.computeIfAbsent(process, p -> new ArrayList<>());
            HistogramLogReader reader = new HistogramLogReader(
                    new ByteArrayInputStream(segment.getBytes(StandardCharsets.UTF_8)));
            for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
                if (!(h instanceof Histogram histogram)) {
                    throw new IllegalArgumentException(file + " holds a " + h.getClass().getSimpleName()
                            + " interval; the lab writes integer (nanosecond) histograms only");
                }
                String tag = histogram.getTag();
                if (tag == null || RunFiles.MEASUREMENT.equals(tag)) {
                    measured.add(histogram);
                }
            }
        }
        forks.values().removeIf(List::isEmpty);
        return new ArrayList<>(forks.values());
    }

    /** All measured intervals of every fork in one histogram. */
    public static Histogram measured(Path file) {
        Histogram sum = new Histogram(RunFiles.SIGNIFICANT_DIGITS);
        measuredByFork(file).forEach(fork -> fork.forEach(sum::add));
        return sum;
    }

    /** The file split where each header block begins (each starts with the log format version line). */
    private static List<String> blocks(String text) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith(VERSION) && current.length() > 0) {
                blocks.add(current.toString());
                current.setLength(0);
            }
            current.append(line).append('\n');
        }
        if (!current.toString().isBlank()) {
            blocks.add(current.toString());
        }
        return blocks;
    }
}

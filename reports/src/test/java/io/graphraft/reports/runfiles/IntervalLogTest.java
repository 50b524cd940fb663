package io.graphraft.reports.runfiles;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class IntervalLogTest {
    @TempDir
    Path temp;

    @Test
    void eachForkIsABlockOfItsOwnAndWarmUpIsLeftOut() {
        Path file = temp.resolve("t.hlog");
        writeFork(file, "101", 1_000, 2);
        writeFork(file, "202", 5_000, 3);

        List<List<Histogram>> forks = IntervalLog.measuredByFork(file);
        assertThat(forks).hasSize(2);
        assertThat(forks.get(0)).hasSize(2);
        assertThat(forks.get(1)).hasSize(3);
        assertThat(forks.get(1).get(0).getValueAtPercentile(50)).isBetween(4_990L, 5_010L);
        assertThat(IntervalLog.measured(file).getTotalCount()).as("10 values per measured interval, warm-up excluded")
                .isEqualTo(50);
    }

    @Test
    void oneProcessWritingTwiceIsOneFork() {
        Path file = temp.resolve("t.hlog");
        writeFork(file, "101", 1_000, 1);
        writeFork(file, "101", 2_000, 1);
        assertThat(IntervalLog.measuredByFork(file)).hasSize(1).first().satisfies(fork -> assertThat(fork).hasSize(2));
    }

    /** Issue 14: HdrHistogram's own tool, typed as its users type it, reads the lab's files. */
    @Test
    void histogramLogProcessorWithoutFlagsReadsTheMeasuredIntervals() throws Exception {
        Path file = temp.resolve("t.hlog");
        writeFork(file, "101", 1_000, 2);
        writeFork(file, "202", 5_000, 3);

        Result plain = logProcessor(file);
        assertThat(plain.exit()).as(plain.output()).isZero();
        assertThat(plain.output()).doesNotContain("Exception").contains("Total count    =           50");
    }

    /** The check above can fail: a file written the old way (every interval tagged) kills the tool. */
    @Test
    void histogramLogProcessorDiesOnTheOldAllTaggedFiles() throws Exception {
        Path old = Paths.get(IntervalLogTest.class.getResource("/fixtures/run-a/FloorBenchmark.fsync.hlog").toURI());
        Result plain = logProcessor(old);
        assertThat(plain.output()).contains("NullPointerException").doesNotContain("Total count");
        assertThat(IntervalLog.measured(old).getTotalCount()).as("the lab itself still reads them").isPositive();
    }

    private static void writeFork(Path file, String process, long valueNanos, int measured) {
        try (IntervalLog.Writer writer = IntervalLog.append(file, "test", process)) {
            Histogram warmup = new Histogram(3);
            warmup.recordValueWithCount(999_999, 10);
            stamp(warmup);
            writer.interval(warmup, false);
            for (int i = 0; i < measured; i++) {
                Histogram interval = new Histogram(3);
                interval.recordValueWithCount(valueNanos, 10);
                stamp(interval);
                writer.interval(interval, true);
            }
        }
    }

    /** As a Recorder's interval: stamped with wall-clock start and end. */
    private static void stamp(Histogram interval) {
        interval.setStartTimeStamp(System.currentTimeMillis());
        interval.setEndTimeStamp(System.currentTimeMillis() + 1);
    }

    private record Result(int exit, String output) {
    }

    /** {@code java -cp HdrHistogram.jar org.HdrHistogram.HistogramLogProcessor -i <file>} in a child JVM. */
    private Result logProcessor(Path file) throws IOException, InterruptedException, URISyntaxException {
        String jar = Paths.get(HistogramLogProcessor.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Path out = temp.resolve("processor-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar, HistogramLogProcessor.class.getName(), "-i", file.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("HistogramLogProcessor did not finish on " + file);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}

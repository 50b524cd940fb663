package io.graphraft.reports;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTest {
    @TempDir
    Path temp;

    @Test
    void twoRunsSideBySideWithHdrHistogramsOwnPercentiles() throws IOException {
        Path a = FixtureRuns.copy("run-a", temp);
        Path b = FixtureRuns.copy("run-b", temp);
        Comparison comparison = Comparison.ofRuns(RunFolder.load(a), RunFolder.load(b));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        comparison.print(new PrintStream(out, true));
        String table = out.toString();

        assertThat(comparison.pairs()).isNotEmpty();
        Histogram ownA = ReportWriterTest.measured(a.resolve(ReportWriterTest.DURABLE_FSYNC + ".hlog"));
        Histogram ownB = ReportWriterTest.measured(b.resolve(ReportWriterTest.DURABLE_FSYNC + ".hlog"));
        String section = table.substring(table.indexOf("WriteLatencyBenchmark.createNode baseline-durable 1n fsync"));
        String p99 = section.lines().filter(l -> l.trim().startsWith("p99 ")).findFirst().orElseThrow();
        assertThat(p99).contains(String.format(Locale.ROOT, "%.1f", ownA.getValueAtPercentile(99) / 1000.0))
                .contains(String.format(Locale.ROOT, "%.1f", ownB.getValueAtPercentile(99) / 1000.0));
        assertThat(table).contains("p50", "p90", "p99", "p99.9", "max", "B/A");

        Path chart = temp.resolve("overlay.png");
        comparison.chart(chart);
        assertThat(Files.size(chart)).isPositive();
    }

    @Test
    void twoEnginesOfOneRunAreMatchedOnEveryOtherParameter() {
        Path a = FixtureRuns.copy("run-a", temp);
        Comparison comparison = Comparison.ofEngines(RunFolder.load(a), "baseline", "baseline-durable");
        assertThat(comparison.pairs()).hasSize(1);
        assertThat(comparison.pairs().get(0).label()).contains("durability=none");
    }

    @Test
    void aDifferenceInsideTheSpreadIsWithinNoiseAndOneOutsideNamesTheLowerSide() throws IOException {
        Path run = temp.resolve("synthetic");
        Files.createDirectories(run);
        writeHlog(run.resolve("B.m-engine=x.hlog"), List.of(100, 110, 120), List.of(101, 111, 119));
        writeHlog(run.resolve("B.m-engine=y.hlog"), List.of(105, 108, 118), List.of(500, 510, 520));
        Files.writeString(run.resolve("B.m-engine=x.hgrm"), "");
        Files.writeString(run.resolve("B.m-engine=y.hgrm"), "");
        Files.writeString(run.resolve("env.json"), "{}");

        Comparison comparison = Comparison.ofEngines(RunFolder.load(run), "x", "y");
        Comparison.Pair pair = comparison.pairs().get(0);
        assertThat(comparison.verdict(pair, 50)).as("interval p50s: x 110–111 µs vs y 108–510 µs")
                .isEqualTo("within noise");
        Files.delete(run.resolve("B.m-engine=y.hlog"));
        writeHlog(run.resolve("B.m-engine=y.hlog"), List.of(500, 510, 520), List.of(505, 515, 525));
        Comparison moved = Comparison.ofEngines(RunFolder.load(run), "x", "y");
        assertThat(moved.verdict(moved.pairs().get(0), 50)).startsWith("x lower by");
    }

    /** An .hlog with two measurement intervals holding these values in microseconds. */
    private static void writeHlog(Path file, List<Integer> first, List<Integer> second) throws IOException {
        try (PrintStream out = new PrintStream(file.toFile(), "UTF-8")) {
            org.HdrHistogram.HistogramLogWriter writer = new org.HdrHistogram.HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            for (List<Integer> values : List.of(first, second)) {
                Histogram interval = new Histogram(3);
                values.forEach(v -> interval.recordValue(v * 1000L));
                interval.setTag("measurement");
                interval.setStartTimeStamp(1000);
                interval.setEndTimeStamp(2000);
                writer.outputIntervalHistogram(interval);
            }
        }
    }

}

package io.graphraft.reports;

import io.graphraft.reports.report.ReportWriter;
import io.graphraft.reports.runfiles.IntervalLog;
import io.graphraft.reports.runfiles.IntervalLogs;
import io.graphraft.reports.runfiles.RunEnvironment;
import io.graphraft.reports.runfiles.TrialName;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTest {
    @TempDir
    Path temp;

    static final String DURABLE_FSYNC =
            "WriteLatencyBenchmark.createNode-codec=binary-durability=fsync-engine=baseline-durable-nodes=1-options=-store=heap";
    static final String DURABLE_NONE =
            "WriteLatencyBenchmark.createNode-codec=binary-durability=none-engine=baseline-durable-nodes=1-options=-store=heap";

    /** HdrHistogram's own reading of an .hlog: the sum of its measurement intervals. */
    static Histogram measured(Path hlog) throws IOException {
        Histogram sum = new Histogram(3);
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
            if ("measurement".equals(((Histogram) h).getTag())) {
                sum.add((Histogram) h);
            }
        }
        return sum;
    }

    @Test
    void reportHasEverySectionTheRunHasAndNonEmptyCharts() throws IOException {
        Path run = FixtureRuns.copy("run-a", temp);
        Path report = ReportWriter.write(RunFolder.load(run));

        String md = Files.readString(report);
        assertThat(md).contains("# GraphRaft Lab report", "## Headline", "## The seed's latency breakdown, measured",
                "## 1. Write latency", "## 3. What fsync costs", "## 2. Batching gains", "## 6. Open-loop latency",
                "fsync floor", "baseline-durable");
        try (Stream<Path> charts = Files.list(run.resolve("charts"))) {
            for (Path png : charts.toList()) {
                BufferedImage image = ImageIO.read(png.toFile());
                assertThat(image).as(png.toString()).isNotNull();
                assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
                assertThat(md).contains("(charts/" + png.getFileName() + ")");
            }
        }
        assertThat(run.resolve("charts/write-latency-percentiles.png")).exists();
    }

    @Test
    void questionsAreNumberedInTheOrderTheyAppear() throws IOException {
        Path run = FixtureRuns.copy("run-a", temp);
        String md = Files.readString(ReportWriter.write(RunFolder.load(run)));
        List<Integer> numbers = md.lines().filter(l -> l.matches("## \\d+\\. .*"))
                .map(l -> Integer.parseInt(l.substring(3, l.indexOf('.')))).toList();
        assertThat(numbers).startsWith(1, 2, 3).isSorted().doesNotHaveDuplicates();
    }

    /** The committed reference run was written before the run-folder types existed: it must still read. */
    @Test
    void theReferenceRunReadsWithTheSameSections() throws IOException {
        Path copy = temp.resolve("reference");
        try (Stream<Path> files = Files.list(Path.of("reference"))) {
            Files.createDirectories(copy);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        String md = Files.readString(ReportWriter.write(RunFolder.load(copy)));
        assertThat(md.lines().filter(l -> l.startsWith("## ")).toList()).containsExactly(
                "## Headline", "## The seed's latency breakdown, measured",
                "## 1. Write latency (sequential CreateNode, closed loop)", "## 2. Batching gains",
                "## 3. What fsync costs, against the floor", "## 4. Snapshot recovery", "## 5. Election and failover",
                "## 6. Open-loop latency (throughput–latency)", "## 7. Across zones (round trip between replicas)",
                "## 8. Client batching (concurrent writers, off vs auto)", "## 9. Reads (what each consistency level costs)",
                "## State machine alone (ApplyBenchmark)");
        // The reference is refreshed with every engine change, so its figures are not pinned here.
        Matcher floorCpu = Pattern.compile("One `FileChannel.force` took (\\d+) µs of CPU.*at least (\\d+) µs of CPU").matcher(md);
        assertThat(floorCpu.find()).as("the floor's CPU per force, from its JMH result").isTrue();
        int perForce = Integer.parseInt(floorCpu.group(1));
        assertThat(perForce).as("CPU per force").isPositive();
        assertThat(Integer.parseInt(floorCpu.group(2))).as("three replicas' forces, in rounded microseconds")
                .isBetween(3 * perForce - 2, 3 * perForce + 2);
        assertThat(md).as("env.json and the snapshot facts were read")
                .contains("| copycat | {io.atomix.catalyst:1.2.1,io.atomix.copycat:1.2.8} |", " MiB |");
    }

    @Test
    void printedPercentilesAreHdrHistogramsOwnValuesForTheFiles() throws IOException {
        Path run = FixtureRuns.copy("run-a", temp);
        Histogram own = measured(run.resolve(DURABLE_FSYNC + ".hlog"));
        String md = Files.readString(ReportWriter.write(RunFolder.load(run)));

        String row = md.lines().filter(l -> l.startsWith("| baseline-durable 1n fsync |")).findFirst().orElseThrow();
        assertThat(row).contains("| " + own.getTotalCount() + " |");
        assertThat(row).contains(Format.micros(own.getValueAtPercentile(90) / 1000.0));
        assertThat(row).contains(Format.micros(own.getValueAtPercentile(99) / 1000.0));
        assertThat(row).contains(Format.micros(own.getValueAtPercentile(99.9) / 1000.0));
        assertThat(row).contains(Format.micros(own.getMaxValue() / 1000.0));
    }

    @Test
    void withoutHlogFilesTheHgrmRowsStandIn() throws IOException {
        Path run = FixtureRuns.copy("run-a", temp);
        Histogram own = measured(run.resolve(DURABLE_FSYNC + ".hlog"));
        Files.delete(run.resolve(DURABLE_FSYNC + ".hlog"));
        LatencyDistribution fromHgrm = RunFolder.load(run).latencies("WriteLatencyBenchmark.createNode").stream()
                .filter(l -> l.trial().matches(java.util.Map.of("engine", "baseline-durable", "durability", "fsync")))
                .findFirst().orElseThrow();
        assertThat(fromHgrm.exact()).isFalse();
        assertThat(fromHgrm.count()).isEqualTo(own.getTotalCount());
        // The .hgrm prints percentiles on a grid: the nearest printed one at or above p50 is p50 itself.
        assertThat(fromHgrm.percentileMicros(50)).isCloseTo(own.getValueAtPercentile(50) / 1000.0,
                org.assertj.core.data.Percentage.withPercentage(1));
    }

    /**
     * Issue 14: a throughput (batch ops/s) whose 99.9% error exceeds 20% of the score, or a latency p50 whose range over
     * iterations exceeds 10% of the value, is marked "(noisy)" beside the number; tight ones are not.
     */
    @Test
    void noisyFiguresAreMarkedBesideTheNumberAndTightOnesAreNot() throws IOException {
        Path run = FixtureRuns.copy("run-a", temp);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode results =
                (com.fasterxml.jackson.databind.node.ArrayNode) json.readTree(run.resolve("jmh-result.json").toFile());
        for (com.fasterxml.jackson.databind.JsonNode result : results) {
            if (result.path("benchmark").asText().endsWith("BatchingBenchmark.writeEntry")) {
                com.fasterxml.jackson.databind.node.ObjectNode ops =
                        (com.fasterxml.jackson.databind.node.ObjectNode) result.path("secondaryMetrics").path("ops");
                boolean wide = "100".equals(result.path("params").path("opsPerEntry").asText());
                ops.put("scoreError", ops.path("score").asDouble() * (wide ? 0.5 : 0.05));
            }
        }
        json.writeValue(run.resolve("jmh-result.json").toFile(), results);
        Path noisy = run.resolve(DURABLE_FSYNC + ".hlog");
        Files.delete(noisy);
        writeMeasured(noisy, 100, 130); // p50 100 µs in one iteration, 130 µs in the other
        Path tight = run.resolve(DURABLE_NONE + ".hlog");
        Files.delete(tight);
        writeMeasured(tight, 100, 102);

        String md = Files.readString(ReportWriter.write(RunFolder.load(run)));
        assertThat(row(md, "| baseline-durable 1n fsync | 100 |")).contains(" (noisy) |");
        assertThat(row(md, "| baseline-durable 1n fsync | 1 |")).doesNotContain("noisy");
        assertThat(row(md, "| baseline-durable 1n fsync |")).contains("100 µs – 130 µs (noisy)");
        assertThat(row(md, "| baseline-durable 1n none |")).contains("100 µs – 102 µs |").doesNotContain("noisy");
    }

    /** Issue 14: env.json's floors at the end; the report flags a run whose floor moved more than 20%. */
    @Test
    void aRunWhoseFloorMovedIsFlaggedAndOneThatHeldIsNot() throws IOException {
        Path run = FixtureRuns.copy("run-a", temp);
        RunEnvironment env = RunEnvironment.read(run);
        RunEnvironment.Floor start = env.floor();
        env.withFloorAtEnd(floor(start.fsyncP50Micros() * 1.05, start.loopbackRttP50Micros())).write(run);
        String held = Files.readString(ReportWriter.write(RunFolder.load(run)));
        assertThat(held).contains("| floors at the end of the run | fsync p50 ").doesNotContain("floor moved");

        env.withFloorAtEnd(floor(start.fsyncP50Micros() * 1.5, start.loopbackRttP50Micros())).write(run);
        String moved = Files.readString(ReportWriter.write(RunFolder.load(run)));
        assertThat(moved).contains("**Warning: the floor moved during this run** (fsync floor p50 ");
    }

    private static RunEnvironment.Floor floor(double fsyncP50, Double rttP50) {
        return new RunEnvironment.Floor(100, 200, fsyncP50, fsyncP50 * 2, null, 64, 2000, rttP50, rttP50, null);
    }

    private static String row(String md, String start) {
        return md.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError("no row " + start));
    }

    /** An .hlog (format of the harness) with two measured intervals of 100 values around each p50 (µs). */
    private static void writeMeasured(Path file, int firstP50, int secondP50) {
        try (IntervalLog.Writer writer = IntervalLogs.append(file, "test")) {
            for (int p50 : new int[] {firstP50, secondP50}) {
                Histogram interval = new Histogram(3);
                interval.recordValueWithCount(p50 * 1000L, 100);
                writer.interval(interval, true);
            }
        }
    }

    @Test
    void aMissingOrEmptyFolderIsNamed() throws IOException {
        assertThatThrownBy(() -> RunFolder.load(temp.resolve("nope"))).hasMessageContaining("nope").hasMessageContaining("does not exist");
        Files.createDirectories(temp.resolve("empty"));
        assertThatThrownBy(() -> RunFolder.load(temp.resolve("empty"))).hasMessageContaining("not a run folder");
    }
}

package io.graphraft.reports;

import io.graphraft.reports.report.ReportWriter;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTest {
    @TempDir
    Path temp;

    static final String DURABLE_FSYNC =
            "WriteLatencyBenchmark.createNode-codec=binary-durability=fsync-engine=baseline-durable-nodes=1-options=-store=heap";

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
                "## 6. Open-loop latency (throughput–latency)", "## State machine alone (ApplyBenchmark)");
        assertThat(md).as("env.json and the snapshot facts were read")
                .contains("| copycat | {io.atomix.copycat:1.2.8,io.atomix.catalyst:1.2.1} |", " MiB |");
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

    @Test
    void aMissingOrEmptyFolderIsNamed() throws IOException {
        assertThatThrownBy(() -> RunFolder.load(temp.resolve("nope"))).hasMessageContaining("nope").hasMessageContaining("does not exist");
        Files.createDirectories(temp.resolve("empty"));
        assertThatThrownBy(() -> RunFolder.load(temp.resolve("empty"))).hasMessageContaining("not a run folder");
    }
}

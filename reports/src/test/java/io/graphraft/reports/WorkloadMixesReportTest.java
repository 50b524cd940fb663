package io.graphraft.reports;

import io.graphraft.reports.report.ReportWriter;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.OpenLoopFacts;
import io.graphraft.reports.runfiles.RunEnvironment;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The workload-mix part of the open-loop section, on load sweeps of mix b written as bench writes them. */
class WorkloadMixesReportTest {
    @TempDir
    Path temp;

    /** A load sweep with a 10 ms SLA: one engine's reads pass it at 400/s, the other's writes already at 200/s. */
    @Test
    void eachMixGetsAChartAndATableWithReadsAndWritesApartAndTheHighestRateWithinTheSla() throws IOException {
        Path run = Files.createDirectory(temp.resolve("load-b"));
        new RunEnvironment(null, null, null, null, null, null, null, null, null, Map.of("command", "load", "slaP99Ms", 10.0),
                null).write(run);
        // engine one: reads and writes within 10 ms up to 200/s; at 400/s reads take 15 ms at p99
        step(run, "baseline-durable", 100, 1_000, 2_000);
        step(run, "baseline-durable", 200, 1_500, 3_000);
        step(run, "baseline-durable", 400, 15_000, 4_000);
        // engine two: reads fast throughout, writes 12 ms at p99 from 200/s: judged by its writes
        step(run, "baseline", 100, 500, 5_000);
        step(run, "baseline", 200, 600, 12_000);

        String md = Files.readString(ReportWriter.write(RunFolder.load(run)));

        assertThat(md).contains("Open-loop latency", "### Workload mixes", "**Workload b**");
        assertThat(md).as("no write-only table without write-only trials").doesNotContain("| engine | target rate | achieved | failed");
        assertThat(md).contains("| baseline-durable 1n fsync | 400/s | 390/s | 0 / 400 | 371/s | " + Format.micros(300) + " / "
                + Format.micros(15_000) + " / " + Format.micros(20_000) + " | 19/s | " + Format.micros(1_500) + " / "
                + Format.micros(4_000) + " / ");
        assertThat(md).contains("- baseline-durable 1n fsync: highest rate within the SLA of 10.0 ms (p99 of reads and of writes): 200/s");
        assertThat(md).contains("- baseline 1n fsync: highest rate within the SLA of 10.0 ms (p99 of reads and of writes): 100/s");
        Path chart = run.resolve("charts").resolve("workload-b-throughput-latency.png");
        BufferedImage image = ImageIO.read(chart.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(md).contains("(charts/workload-b-throughput-latency.png)");
    }

    /** Beside the fixture's write-only open-loop shot, the mix's trials stay out of the write-only table and chart. */
    @Test
    void writeOnlyRowsStayAsTheyWereBesideAMix() throws IOException {
        Path run = FixtureRuns.copy("run-a", temp);
        String before = Files.readString(ReportWriter.write(RunFolder.load(run)));
        step(run, "baseline-durable", 100, 1_000, 2_000);

        String md = Files.readString(ReportWriter.write(RunFolder.load(run)));

        assertThat(tableRows(md, "| engine | target rate | achieved | failed")).isEqualTo(tableRows(before, "| engine | target rate | achieved | failed"))
                .isNotEmpty();
        assertThat(before).doesNotContain("### Workload mixes");
        assertThat(md).contains("### Workload mixes", "**Workload b**").doesNotContain("highest rate within the SLA");
    }

    private static String tableRows(String md, String header) {
        int start = md.indexOf(header);
        return start < 0 ? "" : md.substring(start, md.indexOf("\n\n", start));
    }

    /** One load step of mix b as bench writes it: the facts of all requests, of the reads and of the writes. */
    private static void step(Path run, String engine, int rate, double readP99Micros, double writeP99Micros) {
        TrialName trial = TrialName.of(BenchmarkId.LOAD, Map.of(TrialParameters.ENGINE, engine, TrialParameters.NODES, "1",
                TrialParameters.DURABILITY, "fsync", TrialParameters.WORKLOAD, "b")).with(TrialParameters.RATE, String.valueOf(rate));
        long achieved = rate - rate / 40;
        long reads = Math.round(achieved * 0.95);
        // all requests together: the reads' p99 (the few writes fall beyond it), so only judging each kind sees slow writes
        new OpenLoopFacts(rate, achieved, rate, achieved, 0, false, 400, readP99Micros, writeP99Micros, 800, 1000)
                .write(run, trial);
        new OpenLoopFacts(rate, reads, Math.round(rate * 0.95), reads, 0, false, 300, readP99Micros, readP99Micros * 4 / 3,
                700, 900).write(run, trial.with(TrialParameters.OPERATION, TrialParameters.READ));
        new OpenLoopFacts(rate, achieved - reads, rate - Math.round(rate * 0.95), achieved - reads, 0, false, 1_500,
                writeP99Micros, writeP99Micros * 1.1, 1_400, 1_900).write(run, trial.with(TrialParameters.OPERATION, TrialParameters.WRITE));
    }
}

package io.graphraft.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.bench.run.RunDirectory;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.report.ReportWriter;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.SecondaryResults;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The quick profile end to end, in process, on the durable baseline: it runs and leaves its files. */
class QuickSuiteTest {
    @TempDir
    Path temp;

    @Test
    void theQuickProfileLeavesJmhJsonHistogramsAndEnvJson() throws IOException {
        Path run = RunDirectory.create(temp);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        boolean ok = new SuiteRunner(run, List.of("baseline-durable"), new PrintStream(console, true))
                .run("quick", Suites.quick());

        assertThat(ok).as(console.toString()).isTrue();
        JsonNode results = new ObjectMapper().readTree(run.resolve("jmh-result.json").toFile());
        assertThat(results.size()).isGreaterThanOrEqualTo(8);
        JsonNode env = new ObjectMapper().readTree(run.resolve("env.json").toFile());
        assertThat(env.at("/parameters/ran").size()).isEqualTo(results.size());
        assertThat(env.at("/parameters/skipped").size()).as("replicated-only steps are skipped with a reason").isPositive();
        for (JsonNode result : results) {
            assertThat(result.at("/secondaryMetrics/" + SecondaryResults.CPU_CORES + "/score").asDouble())
                    .as("CPU busy recorded for " + result.path("benchmark").asText()).isPositive();
        }

        List<Path> hlogs;
        try (Stream<Path> files = Files.list(run)) {
            hlogs = files.filter(f -> f.toString().endsWith(".hlog")).toList();
        }
        assertThat(hlogs).isNotEmpty();
        for (Path hlog : hlogs) {
            assertThat(new HistogramLogReader(hlog.toFile()).nextIntervalHistogram()).as(hlog.toString()).isNotNull();
            Path hgrm = Path.of(hlog.toString().replace(".hlog", ".hgrm"));
            assertThat(hgrm).exists();
        }
        assertThat(run.resolve("WriteLatencyBenchmark.createNode-codec=binary-durability=fsync-engine=baseline-durable-nodes=1-options=-store=heap.hgrm"))
                .as("trials at the default topology, rttMs and clientBatching keep their names").exists();
        assertThat(run.resolve("ConcurrentWritersBenchmark.completedWrite-clientBatching=auto-codec=binary-durability=fsync"
                + "-engine=baseline-durable-nodes=1-options=-store=heap-writers=8.hgrm")).exists();
        String mixB = "OpenLoopBenchmark.openLoop-codec=binary-durability=fsync-engine=baseline-durable-nodes=1-options="
                + "-ratePerSecond=200-seconds=1-store=heap-workload=b";
        for (String operation : List.of("read", "write")) {
            assertThat(run.resolve(mixB + "-operation=" + operation + "-latency=response.hlog")).as("mix b's " + operation + "s").exists();
            assertThat(run.resolve(mixB + "-operation=" + operation + ".facts.json")).exists();
        }
        assertThat(run.resolve(mixB + "-latency=response.hlog")).as("a mix's reads and writes are never timed together").doesNotExist();
        // the process-topology and link-layer trials need a replicated engine: this run skips them with the reason
        assertThat(env.at("/parameters/skipped").toString()).contains("\"topology\":\"process\"").contains("\"rttMs\":\"2\"");
        assertThat(env.at("/parameters/linkLayerAtRtt0/throughLinkLayer/p50Micros").asDouble()).isPositive();

        // What the suite wrote, reports read through the same types.
        RunFolder folder = RunFolder.load(run);
        assertThat(folder.results(BenchmarkId.BATCHING)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.secondary(SecondaryResults.OPS)).isPresent());
        assertThat(folder.openLoopFacts()).isNotEmpty().allSatisfy((trial, facts) -> {
            assertThat(trial.benchmark()).isEqualTo(BenchmarkId.OPEN_LOOP.id());
            assertThat(facts.sent()).isPositive();
        });
        assertThat(folder.snapshotFacts(BenchmarkId.RESTART.id(), java.util.Map.of("engine", "baseline-durable")))
                .hasValueSatisfying(f -> assertThat(f.snapshotBytes()).isPositive());
        assertThat(folder.env().engines()).containsKey("baseline-durable");
        String report = Files.readString(ReportWriter.write(folder));
        assertThat(report).contains("## 1. Write latency", "## 2. Batching gains", "## 3. What fsync costs",
                "## 4. Snapshot recovery", "## 6. Open-loop latency", "Client batching (concurrent writers, off vs auto)",
                "link layer at rttMs=0", "### Workload mixes", "**Workload b**");
    }
}

package io.graphraft.reports;

import io.graphraft.reports.runfiles.SpreadSummary;
import io.graphraft.reports.runfiles.TrialName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadSummaryTest {
    static final String RATIS_3N_FSYNC =
            "WriteLatencyBenchmark.createNode-codec=binary-durability=fsync-engine=ratis-nodes=3-options=-store=heap";
    static final String BASELINE_NONE =
            "WriteLatencyBenchmark.createNode-codec=binary-durability=none-engine=baseline-nodes=1-options=-store=heap";

    @TempDir
    Path temp;

    /**
     * The committed reference lost its .hlog files; its spread.json is what its own jmh-result.json gives:
     * JMH's per-iteration sample-time histograms, used only where JMH timed every operation.
     */
    @Test
    void theCommittedSpreadIsWhatTheReferencesJmhSamplesGive() {
        RunFolder reference = RunFolder.load(Path.of("reference"));
        SpreadSummary committed = SpreadSummary.read(reference.directory());
        SpreadSummary rebuilt = reference.spreadSummary();
        assertThat(rebuilt.trials()).isEqualTo(committed.trials());

        SpreadSummary.TrialSpread ratis = committed.trials().get(RATIS_3N_FSYNC);
        assertThat(ratis.source()).isEqualTo(SpreadSummary.FROM_JMH_SAMPLES);
        List<Double> p50s = ratis.forks().get(0).stream().map(i -> i.at(50).orElseThrow()).toList();
        // report.md was written from the .hlog files when they existed: "812 µs – 849 µs" over iterations
        assertThat(p50s.stream().mapToDouble(Double::doubleValue).min().orElseThrow()).isBetween(811.5, 812.5);
        assertThat(p50s.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isBetween(848.5, 849.5);
        long counted = ratis.forks().get(0).stream().mapToLong(SpreadSummary.Iteration::count).sum();
        assertThat(counted).isEqualTo(reference.latencies().stream()
                .filter(l -> l.trial().fileName().equals(RATIS_3N_FSYNC)).findFirst().orElseThrow().count());

        assertThat(committed.trials()).as("JMH sampled the in-memory baseline (7.2M ops): not its distribution")
                .doesNotContainKey(BASELINE_NONE);
    }

    @Test
    void aRunWithHlogFilesKeepsEveryLatencyTrialFromThem() throws IOException {
        Path run = FixtureRuns.copy("run-a", temp);
        SpreadSummary summary = RunFolder.load(run).spreadSummary();
        try (var files = Files.list(run)) {
            long hlogs = files.filter(f -> f.toString().endsWith(".hlog")).count();
            assertThat(summary.trials()).hasSize((int) hlogs);
        }
        assertThat(summary.trials().values()).allMatch(t -> t.source().equals(SpreadSummary.FROM_HLOG));
        TrialName fsync = TrialName.parse(ReportWriterTest.DURABLE_FSYNC);
        assertThat(summary.of(fsync)).isPresent();
        summary.write(temp);
        assertThat(SpreadSummary.read(temp).trials()).isEqualTo(summary.trials());
    }
}

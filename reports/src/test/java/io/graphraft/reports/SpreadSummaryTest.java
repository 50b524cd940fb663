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
     * The committed reference keeps no .hlog files; its spread.json, written from them before they were left
     * out, must still describe the same measurements: every iteration of the Ratis 3-node trial, adding up to
     * the operations its .hgrm counts.
     */
    @Test
    void theCommittedSpreadDescribesTheReferencesOwnMeasurements() {
        RunFolder reference = RunFolder.load(Path.of("reference"));
        SpreadSummary committed = SpreadSummary.read(reference.directory());

        SpreadSummary.TrialSpread ratis = committed.trials().get(RATIS_3N_FSYNC);
        assertThat(ratis.source()).isNotEqualTo(SpreadSummary.FROM_JMH_SAMPLES);
        long counted = ratis.forks().stream().flatMap(List::stream).mapToLong(SpreadSummary.Iteration::count).sum();
        assertThat(counted).isEqualTo(reference.latencies().stream()
                .filter(l -> l.trial().fileName().equals(RATIS_3N_FSYNC)).findFirst().orElseThrow().count());
        assertThat(ratis.forks().get(0)).as("one entry per measured iteration").hasSizeGreaterThan(1);
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

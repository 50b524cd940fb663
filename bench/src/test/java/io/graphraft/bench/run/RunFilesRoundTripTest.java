package io.graphraft.bench.run;

import io.graphraft.bench.load.OpenLoopDriver;
import io.graphraft.reports.LatencyDistribution;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.OpenLoopFacts;
import io.graphraft.reports.runfiles.RunEnvironment;
import io.graphraft.reports.runfiles.RunFiles;
import io.graphraft.reports.runfiles.SnapshotFacts;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What bench writes into a run folder, reports read back, field for field, through the same types. */
class RunFilesRoundTripTest {
    @TempDir
    Path run;

    private static final Map<String, String> WRITE = Map.of("engine", "baseline-durable", "nodes", "1",
            "durability", "fsync", "codec", "binary", "store", "heap", "options", "");

    @Test
    void envJsonReadsBackAsWritten() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("profile", "test");
        parameters.put("engines", List.of("baseline-durable"));
        RunEnvironment written = EnvironmentReport.collect(parameters);
        written.write(run);

        RunEnvironment read = RunFolder.load(run).env();
        assertThat(read).isEqualTo(written);
        assertThat(read.floor().fsyncP50Micros()).isPositive();
        assertThat(read.jvm().forkFlags()).isEqualTo(ForkFlags.common());
        assertThat(read.engines().get("baseline-durable").durability()).contains("force");
    }

    @Test
    void aLatencyLogReadsBackAsTheSameTrialAndDistribution() {
        TrialName trial = TrialName.of(BenchmarkId.WRITE_LATENCY, WRITE);
        Histogram measured;
        try (LatencyLog log = LatencyLog.open(run, trial)) {
            log.record(1_000_000);
            log.endInterval(false);
            for (int i = 1; i <= 100; i++) {
                log.record(i * 10_000L);
            }
            log.endInterval(true);
            measured = log.measured();
        }
        RunEnvironment.unknown().write(run);
        RunFolder folder = RunFolder.load(run);
        LatencyDistribution read = folder.latency(BenchmarkId.WRITE_LATENCY, WRITE).orElseThrow();
        assertThat(read.trial()).isEqualTo(trial);
        assertThat(read.count()).isEqualTo(measured.getTotalCount());
        assertThat(read.percentileMicros(99)).isEqualTo(measured.getValueAtPercentile(99) / 1000.0);
        assertThat(read.intervals()).hasSize(1);
    }

    @Test
    void openLoopFilesReadBackAsWritten() {
        Histogram response = new Histogram(RunFiles.SIGNIFICANT_DIGITS);
        Histogram service = new Histogram(RunFiles.SIGNIFICANT_DIGITS);
        for (int i = 1; i <= 50; i++) {
            response.recordValue(i * 100_000L);
            service.recordValue(i * 50_000L);
        }
        OpenLoopDriver.Outcome outcome = new OpenLoopDriver.Outcome(200, 1, 50, 49, 1, false, response, service);
        TrialName trial = TrialName.of(BenchmarkId.LOAD, WRITE).with(TrialParameters.RATE, "200");
        OpenLoopFacts written = OpenLoopFiles.write(run, trial, outcome);
        RunEnvironment.unknown().write(run);

        RunFolder folder = RunFolder.load(run);
        assertThat(folder.openLoopFacts()).containsExactly(Map.entry(trial, written));
        assertThat(written.achievedPerSecond()).isEqualTo(49);
        assertThat(written.responseP99Micros()).isEqualTo(response.getValueAtPercentile(99) / 1000.0);
        assertThat(folder.latencies(BenchmarkId.LOAD).stream().map(l -> l.trial().param(TrialParameters.LATENCY, "")))
                .containsExactlyInAnyOrder(TrialParameters.RESPONSE, TrialParameters.SERVICE);
        assertThat(folder.latency(BenchmarkId.LOAD, Map.of(TrialParameters.LATENCY, TrialParameters.SERVICE))
                .orElseThrow().count()).isEqualTo(50);
    }

    /** A mixed workload's run: reads and writes in files of their own, each with its facts, beside the facts of all. */
    @Test
    void mixedWorkloadFilesKeepReadsAndWritesApart() {
        Histogram reads = histogram(30, 100_000L);
        Histogram writes = histogram(10, 2_000_000L);
        Histogram all = reads.copy();
        all.add(writes);
        OpenLoopDriver.Outcome outcome = new OpenLoopDriver.Outcome(40, 1, 41, 40, 1, false, all, all, Map.of(
                OpenLoopDriver.RequestKind.READ, new OpenLoopDriver.KindOutcome(30, 30, 0, reads, reads),
                OpenLoopDriver.RequestKind.WRITE, new OpenLoopDriver.KindOutcome(11, 10, 1, writes, writes)));
        TrialName trial = TrialName.of(BenchmarkId.LOAD, WRITE).with(TrialParameters.WORKLOAD, "b")
                .with(TrialParameters.RATE, "40");
        OpenLoopFacts written = OpenLoopFiles.write(run, trial, outcome);
        RunEnvironment.unknown().write(run);

        RunFolder folder = RunFolder.load(run);
        TrialName readTrial = trial.with(TrialParameters.OPERATION, TrialParameters.READ);
        TrialName writeTrial = trial.with(TrialParameters.OPERATION, TrialParameters.WRITE);
        assertThat(folder.openLoopFacts()).containsOnlyKeys(trial, readTrial, writeTrial);
        assertThat(folder.openLoopFacts().get(trial)).isEqualTo(written);
        OpenLoopFacts readFacts = folder.openLoopFacts().get(readTrial);
        assertThat(readFacts.completed()).isEqualTo(30);
        assertThat(readFacts.responseP99Micros()).isEqualTo(reads.getValueAtPercentile(99) / 1000.0);
        OpenLoopFacts writeFacts = folder.openLoopFacts().get(writeTrial);
        assertThat(writeFacts.sent()).isEqualTo(11);
        assertThat(writeFacts.failed()).isEqualTo(1);
        assertThat(writeFacts.responseP50Micros()).isEqualTo(writes.getValueAtPercentile(50) / 1000.0);
        assertThat(folder.latency(BenchmarkId.LOAD, Map.of(TrialParameters.OPERATION, TrialParameters.READ,
                TrialParameters.WORKLOAD, "b", TrialParameters.LATENCY, TrialParameters.RESPONSE)).orElseThrow().count())
                .isEqualTo(30);
        assertThat(folder.latency(BenchmarkId.LOAD, Map.of(TrialParameters.OPERATION, TrialParameters.WRITE,
                TrialParameters.WORKLOAD, "b", TrialParameters.LATENCY, TrialParameters.RESPONSE)).orElseThrow().count())
                .isEqualTo(10);
        assertThat(folder.latencies(BenchmarkId.LOAD)).as("no distribution of reads and writes together")
                .allSatisfy(l -> assertThat(l.trial().param(TrialParameters.OPERATION)).isPresent());
    }

    private static Histogram histogram(int count, long step) {
        Histogram histogram = new Histogram(RunFiles.SIGNIFICANT_DIGITS);
        for (int i = 1; i <= count; i++) {
            histogram.recordValue(i * step);
        }
        return histogram;
    }

    @Test
    void snapshotFactsReadBackAsWritten() {
        Map<String, String> params = new LinkedHashMap<>(WRITE);
        params.put(TrialParameters.GRAPH_NODES, "2000");
        TrialName trial = TrialName.of(BenchmarkId.RESTART, params);
        SnapshotFacts written = new SnapshotFacts(2000, 4000, 123_456, 7_890, 412.0, 987.5);
        written.write(run, trial);
        RunEnvironment.unknown().write(run);

        assertThat(RunFolder.load(run).snapshotFacts(BenchmarkId.RESTART.id(), params)).contains(written);
    }
}

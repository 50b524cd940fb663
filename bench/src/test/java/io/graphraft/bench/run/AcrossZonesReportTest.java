package io.graphraft.bench.run;

import io.graphraft.reports.RunFolder;
import io.graphraft.reports.report.ReportWriter;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.RunEnvironment;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trials through the link layer or in process topology are variants: a report that asks for the plain
 * trial never gets one of them, and the across-zones section lists them by round trip.
 */
class AcrossZonesReportTest {
    @TempDir
    Path run;

    @Test
    void variantsAreNeverThePlainAnswerAndAcrossZonesListsEachRoundTrip() throws IOException {
        write(Map.of(), 1_000_000);                                  // 1 ms: direct, jvm
        write(Map.of(TrialParameters.TOPOLOGY, "process"), 3_000_000);
        write(Map.of(TrialParameters.RTT_MS, "0"), 5_000_000);
        write(Map.of(TrialParameters.RTT_MS, "10"), 20_000_000);
        RunEnvironment.unknown().write(run);

        RunFolder folder = RunFolder.load(run);
        Map<String, String> plain = Map.of("engine", "ratis", "nodes", "3", "durability", "fsync");
        assertThat(folder.latency(BenchmarkId.WRITE_LATENCY, plain).orElseThrow().percentileMicros(50))
                .as("the plain trial, whichever file is listed first").isBetween(990.0, 1010.0);
        Map<String, String> process = new LinkedHashMap<>(plain);
        process.put(TrialParameters.TOPOLOGY, "process");
        assertThat(folder.latency(BenchmarkId.WRITE_LATENCY, process).orElseThrow().percentileMicros(50)).isBetween(2990.0, 3010.0);
        Map<String, String> jvm = new LinkedHashMap<>(plain);
        jvm.put(TrialParameters.TOPOLOGY, "jvm");
        assertThat(folder.latency(BenchmarkId.WRITE_LATENCY, jvm).orElseThrow().percentileMicros(50))
                .as("a file named without topology ran at its default").isBetween(990.0, 1010.0);

        String report = Files.readString(ReportWriter.write(folder));
        assertThat(report).contains("Across zones");
        String section = report.substring(report.indexOf("Across zones"));
        assertThat(section).contains("| ratis | 0.0 ms |").contains("| ratis | 10.0 ms |").doesNotContain("topology=process");
        assertThat(run.resolve("charts/across-zones-latency.png")).isNotEmptyFile();
        assertThat(report).contains("ratis 3n fsync topology=process", "ratis 3n fsync rttMs=10");
    }

    private void write(Map<String, String> variant, long nanos) {
        Map<String, String> params = new LinkedHashMap<>(Map.of("engine", "ratis", "nodes", "3", "durability", "fsync"));
        params.putAll(variant);
        try (LatencyLog log = LatencyLog.open(run, TrialName.of(BenchmarkId.WRITE_LATENCY, params))) {
            for (int i = 0; i < 100; i++) {
                log.record(nanos);
            }
            log.endInterval(true);
        }
    }
}

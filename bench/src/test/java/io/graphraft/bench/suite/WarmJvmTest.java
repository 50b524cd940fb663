package io.graphraft.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.bench.run.RunDirectory;
import io.graphraft.reports.runfiles.BenchmarkId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Trials in an engine's warm JVM come back into the suite's one result file, each with its outcome. */
class WarmJvmTest {
    @TempDir
    Path temp;

    @Test
    void anEnginesWarmTrialsRunInOneChildJvmAndTheirResultsJoinTheRun() throws IOException {
        Path run = RunDirectory.create(temp);
        SuiteStep.Timing brief = SuiteStep.Timing.warm(1, 200, 2, 200);
        List<SuiteStep> steps = List.of(
                SuiteStep.of(BenchmarkId.WRITE_LATENCY, brief, "engine=baseline-durable", "nodes=1", "durability=fsync,none"),
                SuiteStep.of(BenchmarkId.FLOOR_FSYNC, SuiteStep.Timing.timed(1, 0, 0, 1, 200)));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SuiteRunner runner = new SuiteRunner(run, List.of(), new PrintStream(console, true));
        assertThat(runner.plan(steps).warmJvmTrials()).containsOnlyKeys("baseline-durable");

        boolean ok = runner.run("test", steps);

        assertThat(ok).as(console.toString()).isTrue();
        JsonNode results = new ObjectMapper().readTree(run.resolve("jmh-result.json").toFile());
        List<String> durabilities = new ArrayList<>();
        for (JsonNode result : results) {
            if (result.path("benchmark").asText().endsWith(BenchmarkId.WRITE_LATENCY.id())) {
                assertThat(result.at("/params/engine").asText()).isEqualTo("baseline-durable");
                assertThat(result.at("/forks").asInt()).as("ran without a fork of its own").isZero();
                durabilities.add(result.at("/params/durability").asText());
            }
        }
        assertThat(durabilities).as("the warm-up's result is dropped; each trial's is kept once").containsExactly("fsync", "none");
        assertThat(results.size()).isEqualTo(3);
        JsonNode env = new ObjectMapper().readTree(run.resolve("env.json").toFile());
        assertThat(env.at("/parameters/ran").size()).isEqualTo(3);
        assertThat(env.at("/parameters/ran/0/seconds").asDouble()).isPositive();
    }
}

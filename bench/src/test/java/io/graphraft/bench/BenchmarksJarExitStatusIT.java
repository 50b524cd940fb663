package io.graphraft.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ExitCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar benchmarks.jar} as a user runs it (after {@code package}, run by failsafe), in a
 * working directory of its own so any run folder it leaves shows: a mistake exits non-zero with one
 * line naming it, and a benchmark that fails in its setup fails the run.
 */
class BenchmarksJarExitStatusIT {
    private static final long TIMEOUT_SECONDS = 300;

    @TempDir
    Path workDir;

    record Outcome(int exit, String stdout, List<String> stderr) {
    }

    @Test
    void anUnknownEngineExitsWithOneLineListingTheKnownOnes() throws Exception {
        Outcome jmh = run("WriteLatencyBenchmark", "-p", "engine=nope");
        assertThat(jmh.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(jmh.stderr()).singleElement().asString().contains("unknown engine 'nope'").contains("known engines");
        Outcome suite = run("--engines", "nope");
        assertThat(suite.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(suite.stderr()).singleElement().asString().contains("unknown engine 'nope'").contains("known engines");
        assertNoRunFolder();
    }

    @Test
    void aBadParameterValueExitsWithOneLineNamingIt() throws Exception {
        Outcome durability = run("WriteLatencyBenchmark", "-p", "engine=ratis", "-p", "durability=maybe");
        assertThat(durability.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(durability.stderr()).singleElement().asString().contains("durability=maybe").contains("[fsync, none]");
        Outcome nodes = run("WriteLatencyBenchmark", "-p", "engine=ratis", "-p", "nodes=abc");
        assertThat(nodes.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(nodes.stderr()).singleElement().asString().contains("nodes=abc").contains("'abc'");
        assertNoRunFolder();
    }

    @Test
    void aBenchmarkThatFailsInItsForkedSetupFailsTheRun() throws Exception {
        // a restart is measured on one node: the fork's setup refuses nodes=3, naming the reason
        Outcome outcome = run("SnapshotRecoveryBenchmark.restartToServing", "-p", "engine=baseline-durable",
                "-p", "nodes=3", "-f", "1", "-wi", "0", "-i", "1");
        assertThat(outcome.exit()).isEqualTo(ExitCode.SOFTWARE);
        assertThat(outcome.stdout()).contains("nodes=1");
        assertThat(String.join("\n", outcome.stderr())).contains("1 of 1 benchmarks failed");
        assertNoRunFolder();
    }

    private void assertNoRunFolder() throws IOException {
        Path runs = workDir.resolve("reports/runs");
        if (Files.exists(runs)) {
            try (var folders = Files.list(runs)) {
                assertThat(folders).as("run folders left in " + runs).isEmpty();
            }
        }
    }

    private Outcome run(String... args) throws Exception {
        Path jar = Path.of(System.getProperty("benchmarks.jar", "target/benchmarks.jar")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgraphraft.dataDir=" + workDir.resolve("data"), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
            List<String> stderr = Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}

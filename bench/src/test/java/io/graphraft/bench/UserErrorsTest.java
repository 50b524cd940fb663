package io.graphraft.bench;

import io.graphraft.reports.runfiles.RunFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ExitCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's mistake on benchmarks.jar's command line, run in-process through {@link BenchMain#run}: it exits
 * {@link ExitCode#USAGE}, prints one line naming what was wrong (no stack trace), and starts nothing, so no
 * run folder is left behind.
 */
class UserErrorsTest {
    @TempDir
    Path runs;

    record Outcome(int exit, String out, List<String> err) {
        String line() {
            assertThat(err).as("stderr, one line").hasSize(1);
            return err.get(0);
        }
    }

    @Test
    void plainJmhRefusesAnUnknownEngineListingTheKnownOnes() throws Exception {
        Outcome outcome = run("WriteLatencyBenchmark", "-p", "engine=nope");
        assertThat(outcome.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.line()).contains("-p engine=nope").contains("unknown engine 'nope'")
                .contains("known engines").contains("ratis").contains("baseline");
    }

    @Test
    void plainJmhRefusesABadEnumValueListingTheValidOnes() throws Exception {
        Outcome outcome = run("WriteLatencyBenchmark", "-p", "engine=baseline", "-p", "durability=fsync,maybe");
        assertThat(outcome.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.line()).contains("-p durability=maybe").contains("[fsync, none]");
    }

    @Test
    void plainJmhRefusesANodeCountThatIsNoNumber() throws Exception {
        Outcome outcome = run("WriteLatencyBenchmark", "-p", "engine=baseline", "-p", "nodes=abc");
        assertThat(outcome.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.line()).contains("-p nodes=abc").contains("nodes must be a number, was 'abc'");
    }

    @Test
    void theSuiteRefusesAnUnknownEngineListingTheKnownOnes() throws Exception {
        Outcome outcome = run("--engines", "ratis,nope", "--runs-dir", runs.toString());
        assertThat(outcome.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.line()).contains("--engines").contains("unknown engine 'nope'").contains("known engines")
                .contains("ratis");
        assertNoRunFolder();
    }

    @Test
    void anUnknownOptionIsOneLine() throws Exception {
        Outcome outcome = run("--quik");
        assertThat(outcome.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.line()).contains("--quik");
    }

    @Test
    void profileRefusesAnUnknownModeListingTheModes() throws Exception {
        Outcome outcome = run("profile", "--mode", "gpu", "WriteLatencyBenchmark");
        assertThat(outcome.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.line()).contains("--mode").contains("gpu").contains("cpu, wall, alloc");
    }

    @Test
    void loadRefusesAnUnknownEngineBeforeProbingTheEnvironment() throws Exception {
        Outcome outcome = load("--engine", "nope");
        assertThat(outcome.line()).contains("--engine").contains("unknown engine 'nope'").contains("known engines");
    }

    @Test
    void loadRefusesBadSettingsBeforeProbingTheEnvironment() throws Exception {
        assertThat(load("--engine", "baseline", "--durability", "maybe").line()).contains("[fsync, none]");
        assertThat(load("--engine", "baseline", "--store", "tape").line()).contains("[heap, rocksdb]");
        assertThat(load("--engine", "baseline", "--nodes", "0").line()).contains("nodes must be between 1 and 7, was 0");
        assertThat(load("--engine", "baseline", "--nodes", "x").line()).contains("--nodes").contains("'x'");
        assertThat(load("--engine", "baseline", "--options", "rpc").line()).contains("engine option 'rpc' is not key=value");
    }

    @Test
    void loadRefusesRatesAndLimitsThatCannotRun() throws Exception {
        assertThat(load("--engine", "baseline", "--rates", "100,-5").line()).contains("--rates").contains("-5");
        assertThat(load("--engine", "baseline", "--rates", "0").line()).contains("--rates");
        assertThat(load("--engine", "baseline", "--start-rate", "0").line()).contains("--start-rate");
        assertThat(load("--engine", "baseline", "--factor", "1").line()).contains("--factor");
        assertThat(load("--engine", "baseline", "--warmup-seconds", "-1").line()).contains("--warmup-seconds").contains("-1");
        assertThat(load("--engine", "baseline", "--max-rate", "10").line()).contains("--max-rate");
        assertThat(load("--engine", "baseline", "--seconds", "0").line()).contains("--seconds");
        assertThat(load("--engine", "baseline", "--sla-p99-ms", "-1").line()).contains("--sla-p99-ms");
        assertThat(load("--engine", "baseline", "--max-in-flight", "0").line()).contains("--max-in-flight");
        assertThat(load("--engine", "baseline", "--workload", "f").line()).contains("--workload")
                .contains("unknown workload 'f'").contains("[writes, a, b, c, ingest]");
    }

    @Test
    void loadRefusesATrialTheEngineCannotRun() throws Exception {
        assertThat(load("--engine", "baseline", "--nodes", "3").line()).contains("engine 'baseline' does not support");
    }

    @Test
    void reportRefusesAFolderThatIsNoRun() throws Exception {
        Path missing = runs.resolve("missing");
        assertThat(report(missing).line()).contains(missing + " does not exist");
        Path empty = Files.createDirectory(runs.resolve("empty"));
        assertThat(report(empty).line()).contains("is not a run folder");
        Path onlyEnv = Files.createDirectory(runs.resolve("only-env"));
        Files.writeString(onlyEnv.resolve(RunFiles.ENV), "{}");
        assertThat(report(onlyEnv).line()).contains("holds no measurement");
    }

    @Test
    void reportSaysWhichFileIsGarbage() throws Exception {
        Path brokenJson = Files.createDirectory(runs.resolve("broken-json"));
        Files.writeString(brokenJson.resolve(RunFiles.JMH_RESULT), "this is not json");
        assertThat(report(brokenJson).line()).contains(RunFiles.JMH_RESULT);

        Path foreignJson = Files.createDirectory(runs.resolve("foreign-json"));
        Files.writeString(foreignJson.resolve(RunFiles.JMH_RESULT), "[{\"name\": \"not a JMH result\"}]");
        assertThat(report(foreignJson).line()).contains(RunFiles.JMH_RESULT).contains("not in JMH's JSON result format");

        Path brokenHgrm = Files.createDirectory(runs.resolve("broken-hgrm"));
        Files.writeString(brokenHgrm.resolve(RunFiles.ENV), "{}");
        String hgrm = "WriteLatencyBenchmark.createNode-engine=ratis" + RunFiles.HGRM;
        Files.writeString(brokenHgrm.resolve(hgrm), "lorem ipsum dolor sit amet\n");
        assertThat(report(brokenHgrm).line()).contains(hgrm);

        Path noValues = Files.createDirectory(runs.resolve("no-values"));
        Files.writeString(noValues.resolve(RunFiles.ENV), "{}");
        Files.writeString(noValues.resolve(hgrm), "hello\n");
        assertThat(report(noValues).line()).contains("holds no measurement");
        try (Stream<Path> files = Files.walk(runs)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("report.md"))).as("no report written").isEmpty();
        }
    }

    @Test
    void compareRefusesAFolderThatIsNoRunAndASingleRunWithoutEngines() throws Exception {
        Path empty = Files.createDirectory(runs.resolve("empty"));
        Outcome noRun = run("compare", empty.toString(), runs.resolve("missing").toString());
        assertThat(noRun.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noRun.line()).contains("is not a run folder");
    }

    private Outcome load(String... args) throws Exception {
        String[] all = Stream.concat(Stream.of("load", "--runs-dir", runs.toString()), Stream.of(args)).toArray(String[]::new);
        Outcome outcome = run(all);
        assertThat(outcome.exit()).as("exit status of %s", List.of(args)).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.out()).as("nothing probed or started").doesNotContain("Probing");
        assertNoRunFolder();
        return outcome;
    }

    private Outcome report(Path run) throws Exception {
        Outcome outcome = run("report", run.toString());
        assertThat(outcome.exit()).as("exit status of report %s", run).isEqualTo(ExitCode.USAGE);
        return outcome;
    }

    private void assertNoRunFolder() throws IOException {
        try (Stream<Path> files = Files.list(runs)) {
            assertThat(files).as("run folders below " + runs).isEmpty();
        }
    }

    static Outcome run(String... args) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BenchMain.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        List<String> errLines = errBytes.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        return new Outcome(exit, outBytes.toString(StandardCharsets.UTF_8), errLines);
    }
}

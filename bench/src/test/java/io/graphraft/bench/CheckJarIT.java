package io.graphraft.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar benchmarks.jar check} (after {@code package}, run by failsafe): a short real check of Ratis
 * leaves its history, check.json, env.json and a report with the Correctness section; a bad argument is refused in
 * one line.
 */
class CheckJarIT {
    private static final long PATIENCE_MINUTES = 5;

    @TempDir
    Path temp;

    @Test
    void aShortCheckOfRatisFromTheJarIsValidAndReported() throws Exception {
        Result result = jar("check", "--engine", "ratis", "--clients", "2", "--seconds", "4", "--rounds", "1",
                "--faults", "kill", "--seed", "3", "--runs-dir", temp.resolve("runs").toString(),
                "--data-dir", temp.resolve("data").toString());

        assertThat(result.exit).as(result.output).isZero();
        List<Path> runs;
        try (Stream<Path> list = Files.list(temp.resolve("runs"))) {
            runs = list.toList();
        }
        assertThat(runs).hasSize(1);
        Path run = runs.get(0);
        for (String file : List.of("history.jsonl", "check.json", "env.json", "report.md")) {
            assertThat(run.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(Files.readString(run.resolve("report.md"))).contains("## Correctness check: ratis, 3 nodes")
                .contains("**VALID:").contains("### Nemesis timeline").contains("| kill |");
        assertThat(Files.readString(run.resolve("env.json"))).contains("\"command\" : \"check\"");
    }

    @Test
    void anUnknownEngineIsRefusedInOneLine() throws Exception {
        Result result = jar("check", "--engine", "nope", "--runs-dir", temp.resolve("runs").toString());

        assertThat(result.exit).isEqualTo(2);
        assertThat(result.output.strip().lines().toList()).as(result.output).hasSize(1);
        assertThat(result.output).startsWith("check: ").contains("nope").contains("ratis");
        assertThat(temp.resolve("runs")).doesNotExist();
    }

    private record Result(int exit, String output) {
    }

    private Result jar(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("benchmarks.jar", "target/benchmarks.jar"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        File output = temp.resolve("output.txt").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        try {
            assertThat(process.waitFor(PATIENCE_MINUTES, TimeUnit.MINUTES)).as("check ended").isTrue();
            return new Result(process.exitValue(), Files.readString(output.toPath()));
        } finally {
            process.destroyForcibly();
        }
    }
}

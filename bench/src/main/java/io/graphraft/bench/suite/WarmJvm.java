package io.graphraft.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.graphraft.bench.run.ForkFlags;
import io.graphraft.core.util.Directories;
import io.graphraft.reports.runfiles.BenchmarkId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One JVM for one engine's short trials, so the JIT compiles the engine's code once instead of in
 * every fork: a Ratis fork spends about half of its first ten seconds' CPU in the C2 compiler, and a
 * trial that measures before that settles measures the compiler. The JVM gets the forks' flags, first
 * runs a {@link #jitWarmUp JIT warm-up} trial whose result is dropped, then each trial in turn without a
 * fork of its own (JMH forks=0), each with its own short warm-up. It dies with the suite: it exits when
 * its standard input (a pipe from this process) closes.
 */
final class WarmJvm {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A trial as the warm JVM receives it. */
    record Trial(BenchmarkId benchmark, Map<String, String> combination, SuiteStep.Timing timing) {
        SuiteStep step() {
            return SuiteStep.of(benchmark, timing, combination.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        }
    }

    /** What the warm JVM is asked to run: the warm-up (dropped) and the trials. */
    record Plan(Trial warmUp, List<Trial> trials) {
    }

    /** How one trial went: its seconds, or why it failed. */
    record Outcome(BenchmarkId benchmark, Map<String, String> combination, double seconds, String error) {
    }

    /** What came back: every trial's outcome and JMH's results (jmh-result.json's array). */
    record Results(List<Outcome> outcomes, ArrayNode jmhResults) {
    }

    private WarmJvm() {
    }

    /**
     * The engine's JIT warm-up: its 64-writer, 3-node fsync throughput trial for 30 seconds, the load that
     * compiles the most of the write path fastest (Ratis's throughput still jumped between 20 and 28 s).
     */
    static Trial jitWarmUp(String engine) {
        return new Trial(BenchmarkId.CONCURRENT_WRITERS,
                Map.of("engine", engine, "nodes", "3", "durability", "fsync", "writers", "64"),
                SuiteStep.Timing.warm(15, 2000, 1, 1000));
    }

    /** Runs the plan in a new JVM with the forks' flags and waits for it; its output goes to this process's. */
    static Results run(Path runDirectory, Plan plan) {
        Path exchange = null;
        try {
            exchange = Files.createTempDirectory("graphraft-warm-jvm-");
            Path planFile = exchange.resolve("plan.json");
            Path resultFile = exchange.resolve("jmh-result.json");
            Path outcomeFile = exchange.resolve("outcomes.json");
            JSON.writeValue(planFile.toFile(), plan);
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(List.of(ForkFlags.forRun(runDirectory)));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), WarmJvmMain.class.getName(),
                    planFile.toString(), resultFile.toString(), outcomeFile.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start(); // stdin stays a pipe: the JVM exits when it closes, that is when this process dies
            try {
                int status = process.waitFor();
                List<Outcome> outcomes = Files.exists(outcomeFile)
                        ? List.of(JSON.readValue(outcomeFile.toFile(), Outcome[].class)) : List.of();
                ArrayNode results = Files.exists(resultFile)
                        ? (ArrayNode) JSON.readTree(resultFile.toFile()) : JSON.createArrayNode();
                if (status != 0 && outcomes.size() < plan.trials().size()) {
                    List<Outcome> all = new ArrayList<>(outcomes);
                    for (Trial missing : plan.trials().subList(outcomes.size(), plan.trials().size())) {
                        all.add(new Outcome(missing.benchmark(), missing.combination(), 0,
                                "the warm JVM exited with status " + status + " before this trial"));
                    }
                    outcomes = all;
                }
                return new Results(outcomes, results);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the warm JVM ran", e);
            } finally {
                process.getOutputStream().close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the warm JVM", e);
        } finally {
            if (exchange != null) {
                Directories.deleteRecursively(exchange);
            }
        }
    }

    static ArrayNode parse(String jmhJson) {
        try {
            JsonNode node = JSON.readTree(jmhJson);
            return node instanceof ArrayNode array ? array : JSON.createArrayNode();
        } catch (IOException e) {
            throw new UncheckedIOException("JMH wrote results that are not JSON", e);
        }
    }

    static ObjectMapper json() {
        return JSON;
    }
}

package io.graphraft.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.OpenLoopFacts;
import io.graphraft.reports.runfiles.RunEnvironment;
import io.graphraft.reports.runfiles.RunFiles;
import io.graphraft.reports.runfiles.SnapshotFacts;
import io.graphraft.reports.runfiles.TrialFacts;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** A run folder as the harness leaves it (see {@link RunFiles}), read through the run-folder format's types. */
public final class RunFolder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final RunEnvironment env;
    private final List<JmhResult> results;
    private final List<LatencyDistribution> latencies;
    private final Map<TrialName, Path> facts;

    private RunFolder(Path directory, RunEnvironment env, List<JmhResult> results, List<LatencyDistribution> latencies,
                      Map<TrialName, Path> facts) {
        this.directory = directory;
        this.env = env;
        this.results = results;
        this.latencies = latencies;
        this.facts = facts;
    }

    /** @throws IllegalArgumentException naming the folder if it is missing or holds no results */
    public static RunFolder load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("run folder " + directory + " does not exist");
        }
        Path resultFile = directory.resolve(RunFiles.JMH_RESULT);
        if (!Files.exists(resultFile) && !Files.exists(directory.resolve(RunFiles.ENV))) {
            throw new IllegalArgumentException(directory + " is not a run folder: it has neither "
                    + RunFiles.JMH_RESULT + " nor " + RunFiles.ENV);
        }
        try {
            List<JmhResult> results = new ArrayList<>();
            if (Files.exists(resultFile) && Files.size(resultFile) > 0) {
                JSON.readTree(resultFile.toFile()).forEach(node -> results.add(JmhResult.from(node)));
            }
            List<LatencyDistribution> latencies = new ArrayList<>();
            Map<TrialName, Path> facts = new LinkedHashMap<>();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.sorted(Comparator.comparing(Path::toString)).toList()) {
                    String name = file.getFileName().toString();
                    Optional<TrialName> trial = RunFiles.trialOf(file);
                    if (trial.isEmpty()) {
                        continue;
                    }
                    if (name.endsWith(RunFiles.HGRM)) {
                        latencies.add(new LatencyDistribution(trial.get(), file, RunFiles.hlog(directory, trial.get())));
                    } else if (name.endsWith(RunFiles.FACTS)) {
                        facts.put(trial.get(), file);
                    }
                }
            }
            return new RunFolder(directory, RunEnvironment.read(directory), results, latencies, facts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run folder " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    public RunEnvironment env() {
        return env;
    }

    public List<JmhResult> results() {
        return results;
    }

    public List<JmhResult> results(BenchmarkId benchmark) {
        return results(benchmark.id());
    }

    public List<JmhResult> results(String benchmark) {
        return results.stream().filter(r -> r.benchmark().equals(benchmark)).toList();
    }

    /** Like {@link #latency}: unnamed parameters must not set engine options. */
    public Optional<JmhResult> result(BenchmarkId benchmark, Map<String, String> params) {
        return result(benchmark.id(), params);
    }

    public Optional<JmhResult> result(String benchmark, Map<String, String> params) {
        return results(benchmark).stream()
                .filter(r -> r.matches(params))
                .filter(r -> params.containsKey(TrialParameters.OPTIONS) || r.param(TrialParameters.OPTIONS, "").isEmpty())
                .findFirst();
    }

    public List<LatencyDistribution> latencies() {
        return latencies;
    }

    /** Latency files of a benchmark (open-loop files carry {@code latency=response|service}). */
    public List<LatencyDistribution> latencies(BenchmarkId benchmark) {
        return latencies(benchmark.id());
    }

    public List<LatencyDistribution> latencies(String benchmark) {
        return latencies.stream().filter(l -> l.trial().benchmark().equals(benchmark)).toList();
    }

    /**
     * The latency of the trial with these parameters. Parameters not named must not set engine options:
     * a trial run with {@code options=log=rocksdb} is a variant, never the default answer.
     */
    public Optional<LatencyDistribution> latency(BenchmarkId benchmark, Map<String, String> params) {
        return latencies(benchmark).stream()
                .filter(l -> l.trial().matches(params))
                .filter(l -> params.containsKey(TrialParameters.OPTIONS) || l.trial().param(TrialParameters.OPTIONS, "").isEmpty())
                .findFirst();
    }

    /** Every trial that left a .facts.json. */
    public java.util.Set<TrialName> factTrials() {
        return facts.keySet();
    }

    /** The open-loop facts of every open-loop benchmark shot and load step, in file-name order. */
    public Map<TrialName, OpenLoopFacts> openLoopFacts() {
        Map<TrialName, OpenLoopFacts> out = new LinkedHashMap<>();
        facts.forEach((trial, file) -> {
            if (trial.benchmark().equals(BenchmarkId.OPEN_LOOP.id()) || trial.benchmark().equals(BenchmarkId.LOAD.id())) {
                out.put(trial, TrialFacts.read(file, OpenLoopFacts.class));
            }
        });
        return out;
    }

    /** The snapshot facts of the trial of {@code benchmark} with these parameters. */
    public Optional<SnapshotFacts> snapshotFacts(String benchmark, Map<String, String> params) {
        return facts.entrySet().stream()
                .filter(e -> e.getKey().benchmark().equals(benchmark) && e.getKey().matches(params))
                .map(e -> TrialFacts.read(e.getValue(), SnapshotFacts.class)).findFirst();
    }

    /** The fsync floor p50 in microseconds: the FloorBenchmark's .hlog if it ran, else env.json's probe. */
    public Optional<Double> fsyncFloorP50Micros() {
        return floor(BenchmarkId.FLOOR_FSYNC, env.floor().fsyncP50Micros());
    }

    public Optional<Double> loopbackRttP50Micros() {
        return floor(BenchmarkId.FLOOR_LOOPBACK, env.floor().loopbackRttP50Micros());
    }

    private Optional<Double> floor(BenchmarkId benchmark, Double probe) {
        Optional<LatencyDistribution> floor = latencies(benchmark).stream().findFirst();
        if (floor.isPresent() && floor.get().count() > 0) {
            return Optional.of(floor.get().percentileMicros(50));
        }
        return Optional.ofNullable(probe);
    }
}

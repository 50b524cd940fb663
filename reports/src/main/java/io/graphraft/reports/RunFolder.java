package io.graphraft.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

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

/** A run folder as the harness leaves it: env.json, jmh-result.json, .hgrm/.hlog and .facts.json files. */
public final class RunFolder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final JsonNode env;
    private final List<JmhResult> results;
    private final List<LatencyDistribution> latencies;
    private final Map<TrialName, JsonNode> facts;

    private RunFolder(Path directory, JsonNode env, List<JmhResult> results, List<LatencyDistribution> latencies,
                      Map<TrialName, JsonNode> facts) {
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
        Path resultFile = directory.resolve("jmh-result.json");
        Path envFile = directory.resolve("env.json");
        if (!Files.exists(resultFile) && !Files.exists(envFile)) {
            throw new IllegalArgumentException(directory + " is not a run folder: it has neither jmh-result.json nor env.json");
        }
        try {
            JsonNode env = Files.exists(envFile) ? JSON.readTree(envFile.toFile()) : MissingNode.getInstance();
            List<JmhResult> results = new ArrayList<>();
            if (Files.exists(resultFile) && Files.size(resultFile) > 0) {
                JSON.readTree(resultFile.toFile()).forEach(node -> results.add(JmhResult.from(node)));
            }
            List<LatencyDistribution> latencies = new ArrayList<>();
            Map<TrialName, JsonNode> facts = new LinkedHashMap<>();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.sorted(Comparator.comparing(Path::toString)).toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".hgrm")) {
                        String base = name.substring(0, name.length() - ".hgrm".length());
                        latencies.add(new LatencyDistribution(TrialName.parse(base), file,
                                directory.resolve(base + ".hlog")));
                    } else if (name.endsWith(".facts.json")) {
                        facts.put(TrialName.parse(name.substring(0, name.length() - ".facts.json".length())),
                                JSON.readTree(file.toFile()));
                    }
                }
            }
            return new RunFolder(directory, env, results, latencies, facts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run folder " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    public JsonNode env() {
        return env;
    }

    public List<JmhResult> results() {
        return results;
    }

    public List<JmhResult> results(String benchmark) {
        return results.stream().filter(r -> r.benchmark().equals(benchmark)).toList();
    }

    /** Like {@link #latency}: unnamed parameters must not set engine options. */
    public Optional<JmhResult> result(String benchmark, Map<String, String> params) {
        return results(benchmark).stream()
                .filter(r -> r.matches(params))
                .filter(r -> params.containsKey("options") || r.param("options", "").isEmpty())
                .findFirst();
    }

    public List<LatencyDistribution> latencies() {
        return latencies;
    }

    /** Latency files of a benchmark ({@code Class.method}; open-loop files carry {@code latency=response|service}). */
    public List<LatencyDistribution> latencies(String benchmark) {
        return latencies.stream().filter(l -> l.trial().benchmark().equals(benchmark)).toList();
    }

    /**
     * The latency of the trial with these parameters. Parameters not named must not set engine options:
     * a trial run with {@code options=log=rocksdb} is a variant, never the default answer.
     */
    public Optional<LatencyDistribution> latency(String benchmark, Map<String, String> params) {
        return latencies(benchmark).stream()
                .filter(l -> l.trial().matches(params))
                .filter(l -> params.containsKey("options") || l.trial().param("options", "").isEmpty())
                .findFirst();
    }

    public Map<TrialName, JsonNode> facts() {
        return facts;
    }

    /** The fsync floor p50 in microseconds: the FloorBenchmark's .hlog if it ran, else env.json's probe. */
    public Optional<Double> fsyncFloorP50Micros() {
        Optional<LatencyDistribution> floor = latencies("FloorBenchmark.fsync").stream().findFirst();
        if (floor.isPresent() && floor.get().count() > 0) {
            return Optional.of(floor.get().percentileMicros(50));
        }
        JsonNode probe = env.at("/floor/fsyncP50Micros");
        return probe.isNumber() ? Optional.of(probe.asDouble()) : Optional.empty();
    }

    public Optional<Double> loopbackRttP50Micros() {
        Optional<LatencyDistribution> floor = latencies("FloorBenchmark.loopbackRoundTrip").stream().findFirst();
        if (floor.isPresent() && floor.get().count() > 0) {
            return Optional.of(floor.get().percentileMicros(50));
        }
        JsonNode probe = env.at("/floor/loopbackRttP50Micros");
        return probe.isNumber() ? Optional.of(probe.asDouble()) : Optional.empty();
    }
}

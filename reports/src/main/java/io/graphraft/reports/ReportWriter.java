package io.graphraft.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.jfree.data.category.DefaultCategoryDataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns a run folder into {@code report.md} with PNG charts in {@code charts/}: the headline per
 * engine, the seed's latency breakdown measured by difference, and one section per question. Measured
 * figures carry their spread (JMH's score error, or the range of a percentile over the measured
 * iterations); derived ones (differences, gains) say what they are derived from. The run's
 * environment facts head the report.
 */
public final class ReportWriter {
    static final String WRITE = "WriteLatencyBenchmark.createNode";
    static final String APPLY = "ApplyBenchmark.apply";
    static final String BATCH = "BatchingBenchmark.writeEntry";
    static final String WRITERS = "ConcurrentWritersBenchmark.completedWrite";
    /** Secondary results of the harness's ProcessCpuProfiler. */
    static final String CPU_CORES = "cpu.cores";
    static final String CPU_PER_OP = "cpu.perOp";
    static final String TAKE_SNAPSHOT = "SnapshotRecoveryBenchmark.takeSnapshot";
    static final String RESTART = "SnapshotRecoveryBenchmark.restartToServing";
    static final String CATCH_UP = "SnapshotRecoveryBenchmark.wipedFollowerCatchUp";
    static final String COLD_START = "ElectionBenchmark.coldStartToLeader";
    static final String FAILOVER = "ElectionBenchmark.leaderCrashToFirstWrite";
    static final String STEADY = "ElectionBenchmark.steadyWrites";
    static final String OPEN_LOOP = "OpenLoopBenchmark.openLoop";

    private final RunFolder run;
    private final Path charts;
    private final StringBuilder md = new StringBuilder();

    private ReportWriter(RunFolder run) {
        this.run = run;
        this.charts = run.directory().resolve("charts");
    }

    /** Writes report.md and charts/*.png into the run folder; returns the report's path. */
    public static Path write(RunFolder run) {
        return new ReportWriter(run).render();
    }

    private Path render() {
        try {
            Files.createDirectories(charts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + charts, e);
        }
        header();
        headline();
        breakdown();
        writeLatency();
        fsyncCost();
        batching();
        recovery();
        election();
        openLoop();
        apply();
        flameGraphs();
        Path report = run.directory().resolve("report.md");
        try {
            Files.writeString(report, md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + report, e);
        }
        return report;
    }

    // ------------------------------------------------------------------ sections

    private void header() {
        JsonNode env = run.env();
        line("# GraphRaft Lab report");
        line();
        line("Run `" + run.directory().getFileName() + "`, " + env.path("createdAt").asText("?") + ", git "
                + env.path("gitRevision").asText("?") + ".");
        line();
        line("| environment | |");
        line("|---|---|");
        line("| JVM | " + env.at("/jvm/version").asText("?") + " (" + env.at("/jvm/vm").asText("") + "), fork flags "
                + env.at("/jvm/forkFlags").toString().replace("\"", "`") + " |");
        line("| OS | " + env.at("/os/name").asText("?") + " " + env.at("/os/kernel").asText("") + " " + env.at("/os/arch").asText("") + " |");
        line("| CPU | " + env.at("/cpu/count").asText("?") + " × " + env.at("/cpu/model").asText("?") + " |");
        line("| data directory | " + env.at("/dataDirectory/path").asText("?") + " on " + env.at("/dataDirectory/filesystem").asText("?") + " |");
        line("| fsync floor (probe) | p50 " + Format.micros(env.at("/floor/fsyncP50Micros").asDouble(Double.NaN)) + ", p99 "
                + Format.micros(env.at("/floor/fsyncP99Micros").asDouble(Double.NaN)) + " (FileChannel.force after a "
                + env.at("/floor/fsyncAppendBytes").asText("100") + " B append) |");
        line("| loopback round trip (probe) | p50 " + Format.micros(env.at("/floor/loopbackRttP50Micros").asDouble(Double.NaN))
                + ", p99 " + Format.micros(env.at("/floor/loopbackRttP99Micros").asDouble(Double.NaN)) + " (64 B over TCP) |");
        line("| recording one latency | " + Format.number(env.path("recordingOverheadNanos").asDouble(Double.NaN), "%.0f ns") + " |");
        for (Iterator<Map.Entry<String, JsonNode>> it = env.path("engines").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> engine = it.next();
            JsonNode libraries = engine.getValue().path("libraries");
            if (libraries.size() > 0) {
                line("| " + engine.getKey() + " | " + libraries.toString().replace("\"", "") + " |");
            }
        }
        line();
        line("Latencies are HdrHistogram percentiles of every measured operation; `a – b` is the range of that");
        line("percentile over the measured iterations, `± e` is JMH's 99.9% error. Differences, ratios and gains");
        line("combine two measurements and are printed without a spread: read them against the inputs' spreads.");
        line("Run parameters, skipped combinations and their reasons are in `env.json`.");
        line("CPU busy is the benchmark JVM's CPU time ÷ wall time (all nodes and clients run in it; the machine has "
                + run.env().path("cpu").path("count").asText("?") + " cores); CPU per write or entry divides that time");
        line("by the completed operations. Throughput that stops growing while CPU busy nears the core count is CPU-bound.");
        line();
    }

    private void headline() {
        Set<String> engines = engines();
        if (engines.isEmpty()) {
            return;
        }
        Optional<Double> floor = run.fsyncFloorP50Micros();
        line("## Headline");
        line();
        line("Sequential CreateNode, one writer (3 nodes where the engine replicates, else 1). Gains divide throughput"
                + " by the same engine's one-op-per-entry (batch) or one-writer throughput.");
        line();
        line("| engine | nodes | p50 / p99 fsync | p50 / p99 no fsync | p50 ÷ fsync floor | gain batch 100 | gain 64 writers"
                + " | restart, largest graph | election | failover |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        for (String engine : engines) {
            String nodes = hasReplicated(engine) ? "3" : "1";
            Optional<LatencyDistribution> fsync = run.latency(WRITE, Map.of("engine", engine, "nodes", nodes, "durability", "fsync"));
            Optional<LatencyDistribution> none = run.latency(WRITE, Map.of("engine", engine, "nodes", nodes, "durability", "none"));
            String ratio = fsync.isPresent() && floor.isPresent()
                    ? Format.ratio(fsync.get().percentileMicros(50) / floor.get()) : "–";
            line("| " + engine + " | " + nodes + " | " + p50p99(fsync) + " | " + p50p99(none) + " | " + ratio + " | "
                    + Format.ratio(gain(BATCH, "opsPerEntry", engine, "100")) + " | " + Format.ratio(gain(WRITERS, "writers", engine, "64")) + " | "
                    + largestRestart(engine) + " | " + shot(COLD_START, engine) + " | " + shot(FAILOVER, engine) + " |");
        }
        line();
        floor.ifPresent(f -> line("fsync floor p50 in this run: " + Format.micros(f) + "."));
        line();
    }

    /** The seed's latency breakdown, each part measured by difference between configurations. */
    private void breakdown() {
        List<String> raft = engines().stream().filter(this::hasReplicated).toList();
        double apply = applyMicros("none");
        double codec = applyMicros("binary") - apply;
        double inProcess = p50(WRITE, Map.of("engine", "baseline", "nodes", "1", "durability", "none"));
        double durableFsync = p50(WRITE, Map.of("engine", "baseline-durable", "nodes", "1", "durability", "fsync"));
        double durableNone = p50(WRITE, Map.of("engine", "baseline-durable", "nodes", "1", "durability", "none"));
        line("## The seed's latency breakdown, measured");
        line();
        line("The seed guessed where a replicated CreateNode's 10–15 ms would go. Here each part is the difference"
                + " between two measured configurations (p50 of sequential CreateNode unless noted).");
        line();
        StringBuilder header = new StringBuilder("| part | seed's guess | derived as | measured");
        StringBuilder rule = new StringBuilder("|---|---|---|---");
        for (String engine : raft) {
            header.append(" | ").append(engine);
            rule.append("|---");
        }
        line(header.append(" |").toString());
        line(rule.append("|").toString());
        breakdownRow("FSM apply", "~10 µs", "ApplyBenchmark codec=none, heap (mean)", apply, raft, e -> Double.NaN);
        breakdownRow("serialize + deserialize", "~10 µs", "Apply binary − Apply none (mean)", codec, raft, e -> Double.NaN);
        breakdownRow("in-process call, no log", "–", "baseline, durability none", inProcess, raft, e -> Double.NaN);
        breakdownRow("log append + fsync (local)", "~5 ms (BoltDB + fsync)", "baseline-durable fsync − baseline",
                durableFsync - inProcess, raft, e -> Double.NaN);
        breakdownRow("Raft machinery, 1 node, no fsync", "–", "engine none 1n − baseline-durable none", Double.NaN, raft,
                e -> p50(WRITE, Map.of("engine", e, "nodes", "1", "durability", "none")) - durableNone);
        breakdownRow("fsync inside Raft, 1 node", "(in the 5 ms)", "engine fsync 1n − engine none 1n", Double.NaN, raft,
                e -> p50(WRITE, Map.of("engine", e, "nodes", "1", "durability", "fsync"))
                        - p50(WRITE, Map.of("engine", e, "nodes", "1", "durability", "none")));
        breakdownRow("replication: network + followers", "~1–5 ms", "engine fsync 3n − engine fsync 1n", Double.NaN, raft,
                e -> p50(WRITE, Map.of("engine", e, "nodes", "3", "durability", "fsync"))
                        - p50(WRITE, Map.of("engine", e, "nodes", "1", "durability", "fsync")));
        breakdownRow("**total** (3 nodes, fsync)", "**~10–15 ms**", "engine fsync 3n", Double.NaN, raft,
                e -> p50(WRITE, Map.of("engine", e, "nodes", "3", "durability", "fsync")));
        line();
        run.fsyncFloorP50Micros().ifPresent(f -> run.loopbackRttP50Micros().ifPresent(r -> line(
                "Physical floor for comparison: one fsync " + Format.micros(f) + " + one loopback round trip "
                        + Format.micros(r) + " = " + Format.micros(f + r) + ".")));
        line();
    }

    private void breakdownRow(String part, String guess, String derived, double common, List<String> raft,
                              java.util.function.ToDoubleFunction<String> perEngine) {
        StringBuilder row = new StringBuilder("| " + part + " | " + guess + " | " + derived + " | "
                + Format.micros(common));
        for (String engine : raft) {
            row.append(" | ").append(Format.micros(perEngine.applyAsDouble(engine)));
        }
        line(row.append(" |").toString());
    }

    private void writeLatency() {
        List<LatencyDistribution> trials = sorted(run.latencies(WRITE));
        if (trials.isEmpty()) {
            return;
        }
        line("## 1. Write latency (sequential CreateNode, closed loop)");
        line();
        List<Charts.Series> series = new ArrayList<>();
        for (LatencyDistribution trial : trials) {
            if (trial.count() > 0 && "fsync".equals(trial.trial().param("durability", ""))) {
                series.add(new Charts.Series(label(trial.trial()), trial.percentileCurve()));
            }
        }
        Map<String, Double> floor = new LinkedHashMap<>();
        run.fsyncFloorP50Micros().ifPresent(f -> floor.put("fsync floor p50 " + Format.micros(f), f));
        image("write-latency-percentiles.png", "Write latency distribution, durability fsync",
                Charts.percentiles("Sequential CreateNode, durability=fsync", series, floor));
        latencyTable(trials);
    }

    private void fsyncCost() {
        List<LatencyDistribution> trials = sorted(run.latencies(WRITE));
        if (trials.isEmpty()) {
            return;
        }
        line("## 3. What fsync costs, against the floor");
        line();
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        line("| trial | p50 fsync | p50 no fsync | fsync cost (difference) | fsync p50 ÷ floor |");
        line("|---|---|---|---|---|");
        Optional<Double> floor = run.fsyncFloorP50Micros();
        Set<String> seen = new LinkedHashSet<>();
        for (LatencyDistribution trial : trials) {
            TrialName t = trial.trial();
            String key = label(t).replace(" " + t.param("durability", ""), "");
            if (!seen.add(label(t))) {
                continue;
            }
            bars.addValue(trial.percentileMicros(50), t.param("durability", "?"), key);
            if (!"fsync".equals(t.param("durability", ""))) {
                continue;
            }
            Map<String, String> other = new LinkedHashMap<>(t.params());
            other.put("durability", "none");
            Optional<LatencyDistribution> none = run.latency(WRITE, other);
            double on = trial.percentileMicros(50);
            double off = none.map(n -> n.percentileMicros(50)).orElse(Double.NaN);
            line("| " + label(t).replace(" fsync", "") + " | "
                    + Format.microsRange(trial.percentileRangeMicros(50)) + " | "
                    + none.map(n -> Format.microsRange(n.percentileRangeMicros(50))).orElse("–") + " | "
                    + Format.micros(on - off) + " | " + floor.map(f -> Format.ratio(on / f)).orElse("–") + " |");
        }
        line();
        Map<String, Double> references = new LinkedHashMap<>();
        floor.ifPresent(f -> references.put("fsync floor p50", f));
        image("fsync-on-off.png", "p50 with and without fsync", Charts.bars("p50 CreateNode latency: fsync vs none",
                "engine, nodes", "p50 (µs)", bars, references));
        line("What durability=fsync means per engine (who fsyncs what before the acknowledgement):");
        line();
        for (Iterator<Map.Entry<String, JsonNode>> it = run.env().path("engines").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> engine = it.next();
            line("- **" + engine.getKey() + "**: " + engine.getValue().path("durability").asText());
        }
        line();
    }

    private void batching() {
        List<JmhResult> batches = run.results(BATCH);
        List<JmhResult> writers = run.results(WRITERS);
        if (batches.isEmpty() && writers.isEmpty()) {
            return;
        }
        line("## 2. Batching gains");
        line();
        if (!batches.isEmpty()) {
            line("Operations per log entry (Batch commands), one writer. Throughput counts graph operations.");
            line();
            line("| trial | ops/entry | ops/s | gain | entry p50 / p99 | CPU busy | CPU per entry |");
            line("|---|---|---|---|---|---|---|");
            Map<String, List<double[]>> gains = new TreeMap<>();
            for (JmhResult r : sortedResults(batches, "opsPerEntry")) {
                double ops = r.secondary("ops").map(JmhResult.Metric::score).orElse(Double.NaN);
                String err = r.secondary("ops").map(m -> Format.number(m.error(), "%.0f")).orElse("–");
                double gain = gain(r, "opsPerEntry");
                gains.computeIfAbsent(label(r, "opsPerEntry"), g -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(r.param("opsPerEntry", "1")), gain});
                Optional<LatencyDistribution> latency = run.latency(BATCH, r.params());
                line("| " + label(r, "opsPerEntry") + " | "
                        + r.param("opsPerEntry", "?") + " | " + Format.number(ops, "%.0f") + " ± " + err + " | "
                        + Format.ratio(gain) + " | " + p50p99(latency) + " | " + cpu(Optional.of(r)) + " |");
            }
            line();
            image("batching-gain.png", "Batching gain", Charts.lines("Gain from operations per log entry",
                    "operations per entry", "throughput ÷ throughput at 1 op/entry", series(gains), true, true, Map.of()));
        }
        if (!writers.isEmpty()) {
            line("Concurrent closed-loop writers (single CreateNode each): what group commit and pipelining win.");
            line();
            line("| trial | writers | writes/s | gain | p50 / p99 | CPU busy | CPU per write |");
            line("|---|---|---|---|---|---|---|");
            Map<String, List<double[]>> gains = new TreeMap<>();
            for (JmhResult r : sortedResults(writers, "writers")) {
                double gain = gain(r, "writers");
                gains.computeIfAbsent(label(r, "writers"), g -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(r.param("writers", "1")), gain});
                line("| " + label(r, "writers") + " | "
                        + r.param("writers", "?") + " | " + r.primary().withError("%.0f") + " | " + Format.ratio(gain) + " | "
                        + p50p99(run.latency(WRITERS, r.params())) + " | " + cpu(Optional.of(r)) + " |");
            }
            line();
            image("writers-gain.png", "Concurrent writers gain", Charts.lines("Gain from concurrent writers",
                    "writers", "throughput ÷ one writer's", series(gains), true, true, Map.of()));
        }
    }

    private void recovery() {
        List<JmhResult> all = new ArrayList<>();
        for (String b : List.of(TAKE_SNAPSHOT, RESTART, CATCH_UP)) {
            all.addAll(run.results(b));
        }
        if (all.isEmpty()) {
            return;
        }
        line("## 4. Snapshot recovery");
        line();
        line("Single shots (JMH SingleShotTime; `± e` over the measured shots). Graphs have two edges per node.");
        line();
        line("| measurement | engine | store | graph nodes | time | snapshot bytes |");
        line("|---|---|---|---|---|---|");
        Map<String, List<double[]>> curves = new TreeMap<>();
        all.sort(Comparator.comparing(JmhResult::benchmark).thenComparing(r -> r.param("engine", ""))
                .thenComparing(r -> r.param("store", "")).thenComparingInt(r -> Integer.parseInt(r.param("graphNodes", "0"))));
        for (JmhResult r : all) {
            String what = r.benchmark().substring(r.benchmark().indexOf('.') + 1);
            Optional<JsonNode> facts = facts(r.benchmark(), r.params());
            String bytes = facts.map(f -> f.path("snapshotBytes").asLong(-1)).filter(b -> b >= 0).map(Format::bytes).orElse("–");
            line("| " + what + " | " + r.param("engine", "?") + " | " + r.param("store", "heap") + " | "
                    + r.param("graphNodes", "?") + " | " + r.primary().withError("%.1f") + " " + r.primary().unit() + " | " + bytes + " |");
            curves.computeIfAbsent(what + " " + r.param("engine", "?") + " " + r.param("store", "heap"), k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(r.param("graphNodes", "1")), toMillis(r.primary())});
        }
        line();
        image("snapshot-recovery.png", "Snapshot recovery", Charts.lines("Snapshot and recovery time by graph size",
                "graph nodes", "time (ms)", series(curves), true, true, Map.of()));
    }

    private void election() {
        List<JmhResult> shots = new ArrayList<>(run.results(COLD_START));
        shots.addAll(run.results(FAILOVER));
        List<JmhResult> steady = run.results(STEADY);
        if (shots.isEmpty() && steady.isEmpty()) {
            return;
        }
        line("## 5. Election and failover");
        line();
        if (!shots.isEmpty()) {
            DefaultCategoryDataset bars = new DefaultCategoryDataset();
            line("| measurement | engine | election timeout | time | min – max |");
            line("|---|---|---|---|---|");
            for (JmhResult r : shots) {
                String what = r.benchmark().substring(r.benchmark().indexOf('.') + 1);
                String timeouts = r.param("electionTimeoutMs", "default");
                line("| " + what + " | " + r.param("engine", "?") + " | " + timeouts + " | " + r.primary().withError("%.0f")
                        + " " + r.primary().unit() + " | " + Format.number(r.primary().min(), "%.0f") + " – "
                        + Format.number(r.primary().max(), "%.0f") + " |");
                bars.addValue(toMillis(r.primary()), what + " (" + timeouts + ")", r.param("engine", "?"));
            }
            line();
            image("election-failover.png", "Election and failover", Charts.bars("Cold start to leader; leader crash to first write",
                    "engine", "ms", bars, Map.of()));
        }
        if (!steady.isEmpty()) {
            line("Spurious elections while writing steadily (nothing failed, so every leader change is spurious):");
            line();
            line("| engine | election timeout | writes/s | terms begun while measuring (all iterations) |");
            line("|---|---|---|---|");
            for (JmhResult r : steady) {
                line("| " + r.param("engine", "?") + " | " + r.param("electionTimeoutMs", "default") + " | "
                        + r.primary().withError("%.0f") + " | "
                        + r.secondary("leaderChanges").map(m -> Format.number(m.score(), "%.1f")).orElse("–") + " |");
            }
            line();
        }
    }

    private void openLoop() {
        Map<String, List<double[]>> p99 = new TreeMap<>();
        List<String> rows = new ArrayList<>();
        run.facts().forEach((trial, facts) -> {
            boolean benchmark = trial.benchmark().equals(OPEN_LOOP);
            if (!benchmark && !trial.benchmark().equals("load")) {
                return;
            }
            String group = trial.param("engine", "?") + " " + trial.param("nodes", "1") + "n "
                    + trial.param("durability", "");
            p99.computeIfAbsent(group + " p99", g -> new ArrayList<>()).add(new double[] {
                    facts.path("achievedPerSecond").asDouble(), facts.path("responseP99Micros").asDouble()});
            p99.computeIfAbsent(group + " p50", g -> new ArrayList<>()).add(new double[] {
                    facts.path("achievedPerSecond").asDouble(), facts.path("responseP50Micros").asDouble()});
            rows.add("| " + group + " | " + Format.rate(facts.path("targetPerSecond").asDouble()) + " | "
                    + Format.rate(facts.path("achievedPerSecond").asDouble()) + " | "
                    + facts.path("failed").asLong() + " / " + facts.path("sent").asLong() + " | "
                    + Format.micros(facts.path("responseP50Micros").asDouble()) + " / "
                    + Format.micros(facts.path("responseP99Micros").asDouble()) + " / "
                    + Format.micros(facts.path("responseP999Micros").asDouble()) + " | "
                    + Format.micros(facts.path("serviceP50Micros").asDouble()) + " / "
                    + Format.micros(facts.path("serviceP99Micros").asDouble()) + " | "
                    + (facts.path("saturated").asBoolean() ? "saturated" : "") + " |");
        });
        if (rows.isEmpty()) {
            return;
        }
        line("## 6. Open-loop latency (throughput–latency)");
        line();
        line("Requests start on a fixed schedule; response time counts from each request's intended start (free of"
                + " coordinated omission), service time from its actual send. Failed requests are counted, not timed;"
                + " a saturated rate stopped early because too many requests were outstanding.");
        line();
        line("| engine | target rate | achieved | failed / sent | response p50 / p99 / p99.9 | service p50 / p99 | |");
        line("|---|---|---|---|---|---|---|");
        rows.forEach(this::line);
        line();
        image("throughput-latency.png", "Throughput–latency", Charts.lines("Response time by achieved rate",
                "achieved writes/s", "response time (µs)", series(p99), false, true, Map.of()));
    }

    private void apply() {
        List<JmhResult> results = run.results(APPLY);
        if (results.isEmpty()) {
            return;
        }
        line("## State machine alone (ApplyBenchmark)");
        line();
        line("One CreateNode applied by GraphStateMachine; `none` = the decoded command (the seed's 1.3 µs), `binary`/`json`"
                + " = from the encoded log entry to encoded result bytes, as engines call it.");
        line();
        line("| store | codec | ns/op |");
        line("|---|---|---|");
        for (JmhResult r : results) {
            line("| " + r.param("store", "?") + " | " + r.param("codec", "?") + " | " + r.primary().withError("%.0f") + " |");
        }
        line();
    }

    private void flameGraphs() {
        List<Path> html;
        try (Stream<Path> files = Files.walk(run.directory())) {
            html = files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + run.directory(), e);
        }
        if (html.isEmpty()) {
            return;
        }
        line("## Flame graphs");
        line();
        for (Path file : html) {
            String relative = run.directory().relativize(file).toString();
            line("- [" + relative + "](" + relative + ")");
        }
        line();
    }

    // ------------------------------------------------------------------ helpers

    private void latencyTable(List<LatencyDistribution> trials) {
        Optional<Double> floor = run.fsyncFloorP50Micros();
        line("| trial | count | p50 (over iterations) | p90 | p99 | p99.9 | max | p50 ÷ fsync floor | CPU busy | CPU per write |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        for (LatencyDistribution trial : trials) {
            if (trial.count() == 0) {
                continue;
            }
            line("| " + label(trial.trial()) + " | " + trial.count() + " | " + Format.microsRange(trial.percentileRangeMicros(50))
                    + " | " + Format.micros(trial.percentileMicros(90)) + " | " + Format.micros(trial.percentileMicros(99))
                    + " | " + Format.micros(trial.percentileMicros(99.9)) + " | " + Format.micros(trial.maxMicros())
                    + " | " + floor.map(f -> Format.ratio(trial.percentileMicros(50) / f)).orElse("–")
                    + " | " + cpu(run.result(WRITE, trial.trial().params())) + " |");
        }
        line();
    }

    /** Cores busy and CPU per operation from the suite's ProcessCpuProfiler, as table cells. */
    private static String cpu(Optional<JmhResult> result) {
        Optional<JmhResult.Metric> cores = result.flatMap(r -> r.secondary(CPU_CORES));
        Optional<JmhResult.Metric> perOp = result.flatMap(r -> r.secondary(CPU_PER_OP));
        return cores.map(c -> Format.number(c.score(), "%.2f")).orElse("–") + " | "
                + perOp.map(c -> Format.micros(c.score())).orElse("–");
    }

    private Set<String> engines() {
        Set<String> engines = new LinkedHashSet<>();
        run.latencies(WRITE).forEach(l -> l.trial().param("engine").ifPresent(engines::add));
        run.results().forEach(r -> Optional.ofNullable(r.params().get("engine")).ifPresent(engines::add));
        return engines;
    }

    private boolean hasReplicated(String engine) {
        return run.latency(WRITE, Map.of("engine", engine, "nodes", "3")).isPresent();
    }

    private String p50p99(Optional<LatencyDistribution> latency) {
        return latency.filter(l -> l.count() > 0)
                .map(l -> Format.micros(l.percentileMicros(50)) + " / " + Format.micros(l.percentileMicros(99))).orElse("–");
    }

    private double p50(String benchmark, Map<String, String> params) {
        return run.latency(benchmark, params).filter(l -> l.count() > 0).map(l -> l.percentileMicros(50)).orElse(Double.NaN);
    }

    private double applyMicros(String codec) {
        return run.result(APPLY, Map.of("store", "heap", "codec", codec)).map(r -> r.primary().score() / 1000.0)
                .orElse(Double.NaN);
    }

    /** Graph operations per second: a batch run counts them in its "ops" result, other runs one per invocation. */
    private static double throughput(JmhResult r) {
        return BATCH.equals(r.benchmark())
                ? r.secondary("ops").map(JmhResult.Metric::score).orElse(Double.NaN)
                : r.primary().score();
    }

    /** The engine's gain at {@code axis=value}, with fsync, at 3 nodes where it ran there, else 1. */
    private double gain(String benchmark, String axis, String engine, String value) {
        for (String nodes : List.of("3", "1")) {
            Optional<JmhResult> r = run.result(benchmark, Map.of("engine", engine, "nodes", nodes, "durability", "fsync",
                    axis, value));
            if (r.isPresent()) {
                return gain(r.get(), axis);
            }
        }
        return Double.NaN;
    }

    /** Throughput ÷ the throughput of the same trial with {@code axis=1}. */
    private double gain(JmhResult r, String axis) {
        Map<String, String> one = new LinkedHashMap<>(r.params());
        one.put(axis, "1");
        return throughput(r) / run.result(r.benchmark(), one).map(ReportWriter::throughput).orElse(Double.NaN);
    }

    private String largestRestart(String engine) {
        return run.results(RESTART).stream()
                .filter(r -> engine.equals(r.param("engine", "")) && "heap".equals(r.param("store", "heap")))
                .max(Comparator.comparingInt(r -> Integer.parseInt(r.param("graphNodes", "0"))))
                .map(r -> Format.micros(toMillis(r.primary()) * 1000) + " (" + r.param("graphNodes", "?") + " nodes)")
                .orElse("–");
    }

    private String shot(String benchmark, String engine) {
        return run.results(benchmark).stream()
                .filter(r -> engine.equals(r.param("engine", "")) && "default".equals(r.param("electionTimeoutMs", "default")))
                .findFirst()
                .map(r -> Format.micros(toMillis(r.primary()) * 1000))
                .orElse("–");
    }

    private Optional<JsonNode> facts(String benchmark, Map<String, String> params) {
        return run.facts().entrySet().stream()
                .filter(e -> e.getKey().benchmark().equals(benchmark) && e.getKey().matches(params))
                .map(Map.Entry::getValue).findFirst();
    }

    private static double toMillis(JmhResult.Metric metric) {
        return switch (metric.unit()) {
            case "s/op" -> metric.score() * 1000;
            case "us/op" -> metric.score() / 1000;
            case "ns/op" -> metric.score() / 1_000_000;
            default -> metric.score();
        };
    }

    /** Label of a JMH result without the parameter a table already has a column for. */
    private static String label(JmhResult result, String without) {
        Map<String, String> params = new LinkedHashMap<>(result.params());
        params.remove(without);
        return label(new TrialName(result.benchmark(), params));
    }

    /** Label of a trial: engine, nodes, durability, and whatever else differs from the defaults. */
    static String label(TrialName trial) {
        StringBuilder label = new StringBuilder(trial.label("engine", "nodes", "durability"));
        trial.params().forEach((key, value) -> {
            boolean shown = List.of("engine", "nodes", "durability").contains(key);
            boolean isDefault = value.isEmpty() || ("store".equals(key) && "heap".equals(value))
                    || ("codec".equals(key) && "binary".equals(value));
            if (!shown && !isDefault) {
                label.append(' ').append(key).append('=').append(value);
            }
        });
        return label.toString();
    }

    private static List<LatencyDistribution> sorted(List<LatencyDistribution> trials) {
        List<LatencyDistribution> copy = new ArrayList<>(trials);
        copy.sort(Comparator.comparing((LatencyDistribution l) -> l.trial().param("engine", ""))
                .thenComparing(l -> l.trial().param("nodes", "1"))
                .thenComparing(l -> l.trial().param("durability", ""))
                .thenComparing(l -> label(l.trial())));
        return copy;
    }

    private static List<JmhResult> sortedResults(List<JmhResult> results, String numericKey) {
        List<JmhResult> copy = new ArrayList<>(results);
        copy.sort(Comparator.comparing((JmhResult r) -> r.param("engine", ""))
                .thenComparing(r -> r.param("nodes", "1"))
                .thenComparing(r -> r.param("durability", ""))
                .thenComparingInt(r -> Integer.parseInt(r.param(numericKey, "0"))));
        return copy;
    }

    private static List<Charts.Series> series(Map<String, List<double[]>> points) {
        List<Charts.Series> series = new ArrayList<>();
        points.forEach((name, list) -> series.add(new Charts.Series(name, list.stream()
                .filter(p -> !Double.isNaN(p[0]) && !Double.isNaN(p[1]) && p[1] > 0).toList())));
        return series;
    }

    private void image(String file, String alt, org.jfree.chart.JFreeChart chart) {
        Charts.save(chart, charts.resolve(file));
        line("![" + alt + "](charts/" + file + ")");
        line();
    }

    private void line(String text) {
        md.append(text).append('\n');
    }

    private void line() {
        md.append('\n');
    }
}

package io.graphraft.reports.report;

import io.graphraft.reports.Format;
import io.graphraft.reports.JmhResult;
import io.graphraft.reports.LatencyDistribution;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One row per engine: write latency with and without fsync, gains, restart, election and failover. */
final class Headline implements Section {
    @Override
    public void write(Page page) {
        RunFolder run = page.run();
        Measures measures = page.measures();
        Set<String> engines = measures.engines();
        if (engines.isEmpty()) {
            return;
        }
        Optional<Double> floor = run.fsyncFloorP50Micros();
        page.line("## Headline");
        page.line();
        page.line("Sequential CreateNode, one writer (3 nodes where the engine replicates, else 1). Gains divide throughput"
                + " by the same engine's one-op-per-entry (batch) or one-writer throughput.");
        page.line();
        page.line("| engine | nodes | p50 / p99 fsync | p50 / p99 no fsync | p50 ÷ fsync floor | gain batch 100 | gain 64 writers"
                + " | restart, largest graph | election | failover |");
        page.line("|---|---|---|---|---|---|---|---|---|---|");
        for (String engine : engines) {
            String nodes = measures.hasReplicated(engine) ? "3" : "1";
            Optional<LatencyDistribution> fsync = run.latency(BenchmarkId.WRITE_LATENCY, Map.of(TrialParameters.ENGINE, engine,
                    TrialParameters.NODES, nodes, TrialParameters.DURABILITY, "fsync"));
            Optional<LatencyDistribution> none = run.latency(BenchmarkId.WRITE_LATENCY, Map.of(TrialParameters.ENGINE, engine,
                    TrialParameters.NODES, nodes, TrialParameters.DURABILITY, "none"));
            String ratio = fsync.isPresent() && floor.isPresent()
                    ? Format.ratio(fsync.get().percentileMicros(50) / floor.get()) : "–";
            page.line("| " + engine + " | " + nodes + " | " + Measures.p50p99(fsync) + " | " + Measures.p50p99(none) + " | "
                    + ratio + " | " + Format.ratio(measures.gain(BenchmarkId.BATCHING, TrialParameters.OPS_PER_ENTRY, engine, "100"))
                    + " | " + Format.ratio(measures.gain(BenchmarkId.CONCURRENT_WRITERS, TrialParameters.WRITERS, engine, "64"))
                    + " | " + largestRestart(run, engine) + " | " + shot(run, BenchmarkId.COLD_START, engine) + " | "
                    + shot(run, BenchmarkId.FAILOVER, engine) + " |");
        }
        page.line();
        floor.ifPresent(f -> page.line("fsync floor p50 in this run: " + Format.micros(f) + "."));
        page.line();
    }

    private static String largestRestart(RunFolder run, String engine) {
        return run.results(BenchmarkId.RESTART).stream()
                .filter(r -> engine.equals(r.param(TrialParameters.ENGINE, ""))
                        && TrialParameters.DEFAULT_STORE.equals(r.param(TrialParameters.STORE, TrialParameters.DEFAULT_STORE)))
                .max(Comparator.comparingInt(r -> Integer.parseInt(r.param(TrialParameters.GRAPH_NODES, "0"))))
                .map(r -> Format.micros(Measures.toMillis(r.primary()) * 1000) + " (" + r.param(TrialParameters.GRAPH_NODES, "?")
                        + " nodes)")
                .orElse("–");
    }

    /** The single-shot time with the engine's own timeouts. */
    private static String shot(RunFolder run, BenchmarkId benchmark, String engine) {
        return run.results(benchmark).stream()
                .filter(r -> engine.equals(r.param(TrialParameters.ENGINE, ""))
                        && TrialParameters.ENGINE_DEFAULT.equals(r.param(TrialParameters.ELECTION_TIMEOUT_MS,
                        TrialParameters.ENGINE_DEFAULT)))
                .findFirst()
                .map(JmhResult::primary)
                .map(m -> Format.micros(Measures.toMillis(m) * 1000))
                .orElse("–");
    }
}

package io.graphraft.reports.report;

import io.graphraft.reports.Format;
import io.graphraft.reports.JmhResult;
import io.graphraft.reports.LatencyDistribution;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.SecondaryResults;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Numbers derived from a run that more than one section prints, and the table cells for them. */
public final class Measures {
    private final RunFolder run;

    Measures(RunFolder run) {
        this.run = run;
    }

    /** Every engine the run measured, in the order first seen. */
    public Set<String> engines() {
        Set<String> engines = new LinkedHashSet<>();
        run.latencies(BenchmarkId.WRITE_LATENCY).forEach(l -> l.trial().param(TrialParameters.ENGINE).ifPresent(engines::add));
        run.results().forEach(r -> Optional.ofNullable(r.params().get(TrialParameters.ENGINE)).ifPresent(engines::add));
        return engines;
    }

    /** True if the engine's write latency was measured on 3 nodes. */
    public boolean hasReplicated(String engine) {
        return run.latency(BenchmarkId.WRITE_LATENCY, Map.of(TrialParameters.ENGINE, engine, TrialParameters.NODES, "3"))
                .isPresent();
    }

    /** Sequential write p50 in µs of the trial with these parameters, NaN if it did not run. */
    public double writeP50(Map<String, String> params) {
        return run.latency(BenchmarkId.WRITE_LATENCY, params).filter(l -> l.count() > 0)
                .map(l -> l.percentileMicros(50)).orElse(Double.NaN);
    }

    /** The engine's gain at {@code axis=value}, with fsync, at 3 nodes where it ran there, else 1. */
    public double gain(BenchmarkId benchmark, String axis, String engine, String value) {
        for (String nodes : List.of("3", "1")) {
            Optional<JmhResult> r = run.result(benchmark, Map.of(TrialParameters.ENGINE, engine, TrialParameters.NODES, nodes,
                    TrialParameters.DURABILITY, TrialParameters.DEFAULT_DURABILITY, axis, value));
            if (r.isPresent()) {
                return gain(r.get(), axis);
            }
        }
        return Double.NaN;
    }

    /**
     * Throughput ÷ the throughput of the same trial with {@code axis=1}. A run without a one-writer trial of
     * concurrent writers (the default suite) divides by the batching trial of one op per entry: one writer
     * sending one CreateNode per entry at a time, the same load.
     */
    public double gain(JmhResult r, String axis) {
        Map<String, String> one = new LinkedHashMap<>(r.params());
        one.put(axis, "1");
        Optional<JmhResult> base = run.result(r.benchmark(), one);
        if (base.isEmpty() && r.is(BenchmarkId.CONCURRENT_WRITERS) && TrialParameters.WRITERS.equals(axis)) {
            Map<String, String> oneOpPerEntry = new LinkedHashMap<>();
            for (String key : List.of(TrialParameters.ENGINE, TrialParameters.NODES, TrialParameters.DURABILITY)) {
                oneOpPerEntry.put(key, r.params().get(key));
            }
            oneOpPerEntry.put(TrialParameters.OPS_PER_ENTRY, "1");
            base = run.result(BenchmarkId.BATCHING, oneOpPerEntry);
        }
        return throughput(r) / base.map(Measures::throughput).orElse(Double.NaN);
    }

    /** Graph operations per second: a batch run counts them in its "ops" result, other runs one per invocation. */
    static double throughput(JmhResult r) {
        return r.is(BenchmarkId.BATCHING)
                ? r.secondary(SecondaryResults.OPS).map(JmhResult.Metric::score).orElse(Double.NaN)
                : r.primary().score();
    }

    /** The engine, and how it was deployed where not at the defaults: {@code ratis (topology=process rttMs=10)}. */
    public static String deployedEngine(Map<String, String> params) {
        StringBuilder variants = new StringBuilder();
        for (String key : List.of(TrialParameters.TOPOLOGY, TrialParameters.RTT_MS)) {
            String value = TrialParameters.valueIn(params, key);
            if (!TrialParameters.isDefault(key, value)) {
                variants.append(variants.length() > 0 ? " " : "").append(key).append('=').append(value);
            }
        }
        String engine = params.getOrDefault(TrialParameters.ENGINE, "?");
        return variants.length() == 0 ? engine : engine + " (" + variants + ")";
    }

    /** {@code p50 / p99} of a latency, or {@code –}. */
    public static String p50p99(Optional<LatencyDistribution> latency) {
        return latency.filter(l -> l.count() > 0)
                .map(l -> Format.micros(l.percentileMicros(50)) + " / " + Format.micros(l.percentileMicros(99))).orElse("–");
    }

    /** Cores busy and CPU per operation from the harness's CPU profiler, as two table cells. */
    public static String cpu(Optional<JmhResult> result) {
        Optional<JmhResult.Metric> cores = result.flatMap(r -> r.secondary(SecondaryResults.CPU_CORES));
        Optional<JmhResult.Metric> perOp = result.flatMap(r -> r.secondary(SecondaryResults.CPU_PER_OP));
        return cores.map(c -> Format.number(c.score(), "%.2f")).orElse("–") + " | "
                + perOp.map(c -> Format.micros(c.score())).orElse("–");
    }

    /** A JMH score in milliseconds, whatever its unit. */
    public static double toMillis(JmhResult.Metric metric) {
        return switch (metric.unit()) {
            case "s/op" -> metric.score() * 1000;
            case "us/op" -> metric.score() / 1000;
            case "ns/op" -> metric.score() / 1_000_000;
            default -> metric.score();
        };
    }
}

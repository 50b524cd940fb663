package io.graphraft.reports.report;

import io.graphraft.reports.Charts;
import io.graphraft.reports.Format;
import io.graphraft.reports.JmhResult;
import io.graphraft.reports.LatencyDistribution;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What distance between replicas costs: 3-node fsync write latency and 64-writer throughput with the
 * members' peer traffic delayed by the link layer ({@code rttMs}), per engine and round trip. Every
 * row went through the link layer (rttMs=0 is the layer alone); the floor is the fsync floor plus one
 * round trip, since a write is acknowledged after a majority appended and forced it.
 */
final class AcrossZones implements Question {
    static final String WRITERS = "64";

    @Override
    public String title() {
        return "Across zones (round trip between replicas)";
    }

    @Override
    public boolean answerable(RunFolder run) {
        return !rtts(run).isEmpty();
    }

    @Override
    public void answer(Page page) {
        RunFolder run = page.run();
        TreeSet<Double> rtts = rtts(run);
        TreeSet<String> engines = new TreeSet<>();
        linked(run).forEach(t -> t.param(TrialParameters.ENGINE).ifPresent(engines::add));
        Optional<Double> fsync = run.fsyncFloorP50Micros();
        page.line("3 nodes, durability=fsync, topology=jvm, peer traffic through the link layer with the round trip shown"
                + " (0 ms: the link layer's own cost). Floor = fsync floor p50 + one round trip.");
        page.line();
        page.line("| engine | RTT | write p50 (over iterations) | p99 | floor | p50 − floor | " + WRITERS
                + " writers: writes/s | their p50 / p99 |");
        page.line("|---|---|---|---|---|---|---|---|");
        Map<String, List<double[]>> curves = new TreeMap<>();
        for (String engine : engines) {
            for (double rtt : rtts) {
                Map<String, String> params = new LinkedHashMap<>();
                params.put(TrialParameters.ENGINE, engine);
                params.put(TrialParameters.NODES, "3");
                params.put(TrialParameters.DURABILITY, "fsync");
                params.put(TrialParameters.RTT_MS, rttParam(run, rtt));
                Optional<LatencyDistribution> latency = run.latency(BenchmarkId.WRITE_LATENCY, params)
                        .filter(l -> l.count() > 0);
                Map<String, String> writersParams = new LinkedHashMap<>(params);
                writersParams.put(TrialParameters.WRITERS, WRITERS);
                Optional<JmhResult> writers = run.result(BenchmarkId.CONCURRENT_WRITERS, writersParams);
                if (latency.isEmpty() && writers.isEmpty()) {
                    continue;
                }
                double floor = fsync.map(f -> f + rtt * 1000).orElse(Double.NaN);
                double p50 = latency.map(l -> l.percentileMicros(50)).orElse(Double.NaN);
                double p99 = latency.map(l -> l.percentileMicros(99)).orElse(Double.NaN);
                page.line("| " + engine + " | " + Format.number(rtt, "%.1f ms") + " | "
                        + latency.map(l -> Format.microsRange(l.percentileRangeMicros(50))).orElse("–") + " | "
                        + Format.micros(p99) + " | " + Format.micros(floor) + " | " + Format.micros(p50 - floor) + " | "
                        + writers.map(r -> r.primary().withError("%.0f")).orElse("–") + " | "
                        + Measures.p50p99(run.latency(BenchmarkId.CONCURRENT_WRITERS, writersParams)) + " |");
                curves.computeIfAbsent(engine + " p50", k -> new ArrayList<>()).add(new double[] {rtt, p50 / 1000});
                curves.computeIfAbsent(engine + " p99", k -> new ArrayList<>()).add(new double[] {rtt, p99 / 1000});
            }
        }
        page.line();
        if (fsync.isPresent()) {
            List<double[]> floor = new ArrayList<>();
            rtts.forEach(rtt -> floor.add(new double[] {rtt, (fsync.get() + rtt * 1000) / 1000}));
            curves.put("floor (fsync p50 + RTT)", floor);
        }
        page.image("across-zones-latency.png", "Write latency against round trip",
                Charts.lines("3-node fsync write latency against the round trip between replicas", "RTT (ms)",
                        "latency (ms)", Charts.series(curves), false, false, Map.of()));
    }

    /** Trials that ran through the link layer. */
    private static Stream<TrialName> linked(RunFolder run) {
        return Stream.concat(
                run.latencies(BenchmarkId.WRITE_LATENCY).stream().map(LatencyDistribution::trial),
                run.results(BenchmarkId.CONCURRENT_WRITERS).stream().map(r -> new TrialName(r.benchmark(), r.params())))
                .filter(t -> !t.param(TrialParameters.RTT_MS, TrialParameters.DEFAULT_RTT_MS)
                        .equals(TrialParameters.DEFAULT_RTT_MS))
                .filter(t -> t.param(TrialParameters.NODES, "").equals("3"));
    }

    private static TreeSet<Double> rtts(RunFolder run) {
        TreeSet<Double> rtts = new TreeSet<>();
        linked(run).forEach(t -> rtts.add(Double.parseDouble(t.param(TrialParameters.RTT_MS, "0"))));
        return rtts;
    }

    /** The rttMs value as the run wrote it (0.5 and 0.50 are one round trip). */
    private static String rttParam(RunFolder run, double rtt) {
        return linked(run).map(t -> t.param(TrialParameters.RTT_MS, ""))
                .filter(v -> Double.parseDouble(v) == rtt).findFirst().orElse(String.valueOf(rtt));
    }
}

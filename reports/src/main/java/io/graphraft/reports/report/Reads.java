package io.graphraft.reports.report;

import io.graphraft.reports.Format;
import io.graphraft.reports.JmhResult;
import io.graphraft.reports.LatencyDistribution;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.TrialLabels;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a read costs at each consistency level (ReadLatencyBenchmark): per engine, query and background
 * writers, one reader's p50/p99, 64 readers' p50/p99 and reads per second, and each level's latency as a
 * ratio to a LOCAL read's in the same setting — for LINEARIZABLE, the cost of linearizability over a read
 * that may be stale.
 */
final class Reads implements Question {
    /** Cheapest and stalest first. */
    static final List<String> LEVELS = List.of("LOCAL", "FOLLOWER", "LEASE", "LINEARIZABLE");
    static final String STALE = "LOCAL";
    static final String ONE_READER = "1";
    static final String MANY_READERS = "64";

    @Override
    public String title() {
        return "Reads (what each consistency level costs)";
    }

    @Override
    public boolean answerable(RunFolder run) {
        return !run.latencies(BenchmarkId.READ_LATENCY).isEmpty() || !run.results(BenchmarkId.READ_LATENCY).isEmpty();
    }

    @Override
    public void answer(Page page) {
        RunFolder run = page.run();
        page.line("Closed-loop reads of a start node drawn uniformly from a power-law graph (getNode: the node; neighbors: "
                + "its neighbors both ways; twoHop: its 2-hop neighborhood, at most 1000 ids), idle or while writers send "
                + "CreateNode. \"÷ LOCAL\": the level's latency over a LOCAL read's (the leader's own state, possibly stale) "
                + "in the same setting; on the LINEARIZABLE rows it is the cost of linearizability.");
        page.line();
        page.line("| trial | query | writers | level | p50 (1 reader) | p99 (1 reader) | p50 ÷ LOCAL | p99 ÷ LOCAL "
                + "| p50 · p99 (" + MANY_READERS + " readers) | reads/s (" + MANY_READERS + " readers) |");
        page.line("|---|---|---|---|---|---|---|---|---|---|");
        for (Map<String, String> setting : settings(run)) {
            for (String level : LEVELS) {
                Map<String, String> atLevel = with(setting, TrialParameters.CONSISTENCY, level);
                Optional<LatencyDistribution> one = latency(run, with(atLevel, TrialParameters.READERS, ONE_READER));
                Optional<LatencyDistribution> many = latency(run, with(atLevel, TrialParameters.READERS, MANY_READERS));
                Optional<JmhResult> throughput = run.result(BenchmarkId.READ_LATENCY, with(atLevel, TrialParameters.READERS,
                        MANY_READERS));
                if (one.isEmpty() && many.isEmpty() && throughput.isEmpty()) {
                    continue;
                }
                Optional<LatencyDistribution> stale = latency(run, with(with(setting, TrialParameters.CONSISTENCY, STALE),
                        TrialParameters.READERS, ONE_READER));
                page.line("| " + label(setting) + " | " + setting.getOrDefault(TrialParameters.QUERY, "?")
                        + " | " + setting.getOrDefault(TrialParameters.WRITERS, "0") + " | " + level
                        + " | " + one.map(l -> Format.micros(l.percentileMicros(50))).orElse("–")
                        + " | " + one.map(l -> Format.micros(l.percentileMicros(99))).orElse("–")
                        + " | " + ratio(one, stale, 50) + " | " + ratio(one, stale, 99)
                        + " | " + many.map(l -> Format.micros(l.percentileMicros(50)) + " · "
                        + Format.micros(l.percentileMicros(99))).orElse("–")
                        + " | " + throughput.map(r -> r.primary().withError("%.0f")).orElse("–") + " |");
            }
        }
        page.line();
    }

    /** The trials' parameters but level and readers: each is one group of rows. */
    private static List<Map<String, String>> settings(RunFolder run) {
        Comparator<Map<String, String>> order = Comparator.comparing(Reads::label)
                .thenComparing(s -> s.getOrDefault(TrialParameters.QUERY, ""))
                .thenComparingInt(s -> Integer.parseInt(s.getOrDefault(TrialParameters.WRITERS, "0")));
        TreeSet<Map<String, String>> settings = new TreeSet<>(order.thenComparing(Map::toString));
        Stream.concat(run.latencies(BenchmarkId.READ_LATENCY).stream().map(l -> l.trial().params()),
                run.results(BenchmarkId.READ_LATENCY).stream().map(JmhResult::params)).forEach(params -> {
                    Map<String, String> setting = new LinkedHashMap<>(params);
                    setting.remove(TrialParameters.CONSISTENCY);
                    setting.remove(TrialParameters.READERS);
                    TrialParameters.VARIANTS.forEach(key -> setting.remove(key, TrialParameters.DEFAULTS.get(key)));
                    settings.add(setting);
                });
        return List.copyOf(settings);
    }

    private static String label(Map<String, String> setting) {
        Map<String, String> shown = new LinkedHashMap<>(setting);
        shown.remove(TrialParameters.QUERY);
        shown.remove(TrialParameters.WRITERS);
        return TrialLabels.label(new TrialName(BenchmarkId.READ_LATENCY.id(), shown));
    }

    private static Optional<LatencyDistribution> latency(RunFolder run, Map<String, String> params) {
        return run.latency(BenchmarkId.READ_LATENCY, params).filter(l -> l.count() > 0);
    }

    private static String ratio(Optional<LatencyDistribution> level, Optional<LatencyDistribution> stale, double percentile) {
        if (level.isEmpty() || stale.isEmpty()) {
            return "–";
        }
        return Format.ratio(level.get().percentileMicros(percentile) / stale.get().percentileMicros(percentile));
    }

    private static Map<String, String> with(Map<String, String> params, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.put(key, value);
        return copy;
    }
}

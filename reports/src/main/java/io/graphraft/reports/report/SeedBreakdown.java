package io.graphraft.reports.report;

import io.graphraft.reports.Format;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The seed's latency breakdown, each part measured by difference between two configurations. */
final class SeedBreakdown implements Section {
    @Override
    public void write(Page page) {
        RunFolder run = page.run();
        Measures m = page.measures();
        List<String> raft = m.engines().stream().filter(m::hasReplicated).toList();
        double apply = applyMicros(run, "none");
        double codec = applyMicros(run, "binary") - apply;
        double inProcess = m.writeP50(write("baseline", "1", "none"));
        double durableFsync = m.writeP50(write("baseline-durable", "1", "fsync"));
        double durableNone = m.writeP50(write("baseline-durable", "1", "none"));
        page.line("## The seed's latency breakdown, measured");
        page.line();
        page.line("The seed guessed where a replicated CreateNode's 10–15 ms would go. Here each part is the difference"
                + " between two measured configurations (p50 of sequential CreateNode unless noted).");
        page.line();
        StringBuilder header = new StringBuilder("| part | seed's guess | derived as | measured");
        StringBuilder rule = new StringBuilder("|---|---|---|---");
        for (String engine : raft) {
            header.append(" | ").append(engine);
            rule.append("|---");
        }
        page.line(header.append(" |").toString());
        page.line(rule.append("|").toString());
        row(page, "FSM apply", "~10 µs", "ApplyBenchmark codec=none, heap (mean)", apply, raft, e -> Double.NaN);
        row(page, "serialize + deserialize", "~10 µs", "Apply binary − Apply none (mean)", codec, raft, e -> Double.NaN);
        row(page, "in-process call, no log", "–", "baseline, durability none", inProcess, raft, e -> Double.NaN);
        row(page, "log append + fsync (local)", "~5 ms (BoltDB + fsync)", "baseline-durable fsync − baseline",
                durableFsync - inProcess, raft, e -> Double.NaN);
        row(page, "Raft machinery, 1 node, no fsync", "–", "engine none 1n − baseline-durable none", Double.NaN, raft,
                e -> m.writeP50(write(e, "1", "none")) - durableNone);
        row(page, "fsync inside Raft, 1 node", "(in the 5 ms)", "engine fsync 1n − engine none 1n", Double.NaN, raft,
                e -> m.writeP50(write(e, "1", "fsync")) - m.writeP50(write(e, "1", "none")));
        row(page, "replication: network + followers", "~1–5 ms", "engine fsync 3n − engine fsync 1n", Double.NaN, raft,
                e -> m.writeP50(write(e, "3", "fsync")) - m.writeP50(write(e, "1", "fsync")));
        row(page, "**total** (3 nodes, fsync)", "**~10–15 ms**", "engine fsync 3n", Double.NaN, raft,
                e -> m.writeP50(write(e, "3", "fsync")));
        page.line();
        run.fsyncFloorP50Micros().ifPresent(f -> run.loopbackRttP50Micros().ifPresent(r -> page.line(
                "Physical floor for comparison: one fsync " + Format.micros(f) + " + one loopback round trip "
                        + Format.micros(r) + " = " + Format.micros(f + r) + ".")));
        page.line();
    }

    private static Map<String, String> write(String engine, String nodes, String durability) {
        return Map.of(TrialParameters.ENGINE, engine, TrialParameters.NODES, nodes, TrialParameters.DURABILITY, durability);
    }

    private static double applyMicros(RunFolder run, String codec) {
        return run.result(BenchmarkId.APPLY, Map.of(TrialParameters.STORE, "heap", TrialParameters.CODEC, codec))
                .map(r -> r.primary().score() / 1000.0).orElse(Double.NaN);
    }

    private static void row(Page page, String part, String guess, String derived, double common, List<String> raft,
                            ToDoubleFunction<String> perEngine) {
        StringBuilder row = new StringBuilder("| " + part + " | " + guess + " | " + derived + " | " + Format.micros(common));
        for (String engine : raft) {
            row.append(" | ").append(Format.micros(perEngine.applyAsDouble(engine)));
        }
        page.line(row.append(" |").toString());
    }
}

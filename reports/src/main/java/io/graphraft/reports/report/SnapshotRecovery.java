package io.graphraft.reports.report;

import io.graphraft.reports.Charts;
import io.graphraft.reports.Format;
import io.graphraft.reports.JmhResult;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How fast a snapshot is taken and a node recovers from one, by graph size. */
final class SnapshotRecovery implements Question {
    private static final List<BenchmarkId> SHOTS = List.of(BenchmarkId.TAKE_SNAPSHOT, BenchmarkId.RESTART, BenchmarkId.CATCH_UP);

    @Override
    public String title() {
        return "Snapshot recovery";
    }

    @Override
    public boolean answerable(RunFolder run) {
        return SHOTS.stream().anyMatch(b -> !run.results(b).isEmpty());
    }

    @Override
    public void answer(Page page) {
        RunFolder run = page.run();
        List<JmhResult> all = new ArrayList<>();
        SHOTS.forEach(b -> all.addAll(run.results(b)));
        page.line("Single shots (JMH SingleShotTime; `± e` over the measured shots). Graphs have two edges per node.");
        page.line();
        page.line("| measurement | engine | store | graph nodes | time | snapshot bytes |");
        page.line("|---|---|---|---|---|---|");
        Map<String, List<double[]>> curves = new TreeMap<>();
        all.sort(Comparator.comparing(JmhResult::benchmark).thenComparing(r -> r.param(TrialParameters.ENGINE, ""))
                .thenComparing(r -> r.param(TrialParameters.STORE, ""))
                .thenComparingInt(r -> Integer.parseInt(r.param(TrialParameters.GRAPH_NODES, "0"))));
        for (JmhResult r : all) {
            String what = r.benchmark().substring(r.benchmark().indexOf('.') + 1);
            String store = r.param(TrialParameters.STORE, TrialParameters.DEFAULT_STORE);
            String bytes = run.snapshotFacts(r.benchmark(), r.params()).map(f -> f.snapshotBytes()).filter(b -> b >= 0)
                    .map(Format::bytes).orElse("–");
            page.line("| " + what + " | " + r.param(TrialParameters.ENGINE, "?") + " | " + store + " | "
                    + r.param(TrialParameters.GRAPH_NODES, "?") + " | " + r.primary().withError("%.1f") + " "
                    + r.primary().unit() + " | " + bytes + " |");
            curves.computeIfAbsent(what + " " + r.param(TrialParameters.ENGINE, "?") + " " + store, k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(r.param(TrialParameters.GRAPH_NODES, "1")),
                            Measures.toMillis(r.primary())});
        }
        page.line();
        page.image("snapshot-recovery.png", "Snapshot recovery", Charts.lines("Snapshot and recovery time by graph size",
                "graph nodes", "time (ms)", Charts.series(curves), true, true, Map.of()));
    }
}

package io.graphraft.reports.report;

import io.graphraft.reports.Charts;
import io.graphraft.reports.Format;
import io.graphraft.reports.JmhResult;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.SecondaryResults;
import io.graphraft.reports.runfiles.TrialParameters;
import org.jfree.data.category.DefaultCategoryDataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How fast a cluster elects a leader, replaces a crashed one, and how often it elects for nothing. */
final class Election implements Question {
    @Override
    public String title() {
        return "Election and failover";
    }

    @Override
    public boolean answerable(RunFolder run) {
        return !run.results(BenchmarkId.COLD_START).isEmpty() || !run.results(BenchmarkId.FAILOVER).isEmpty()
                || !run.results(BenchmarkId.STEADY_WRITES).isEmpty();
    }

    @Override
    public void answer(Page page) {
        RunFolder run = page.run();
        List<JmhResult> shots = new ArrayList<>(run.results(BenchmarkId.COLD_START));
        shots.addAll(run.results(BenchmarkId.FAILOVER));
        List<JmhResult> steady = run.results(BenchmarkId.STEADY_WRITES);
        if (!shots.isEmpty()) {
            DefaultCategoryDataset bars = new DefaultCategoryDataset();
            page.line("| measurement | engine | election timeout | time | min – max |");
            page.line("|---|---|---|---|---|");
            for (JmhResult r : shots) {
                String what = r.benchmark().substring(r.benchmark().indexOf('.') + 1);
                String timeouts = r.param(TrialParameters.ELECTION_TIMEOUT_MS, TrialParameters.ENGINE_DEFAULT);
                page.line("| " + what + " | " + r.param(TrialParameters.ENGINE, "?") + " | " + timeouts + " | "
                        + r.primary().withError("%.0f") + " " + r.primary().unit() + " | "
                        + Format.number(r.primary().min(), "%.0f") + " – " + Format.number(r.primary().max(), "%.0f") + " |");
                bars.addValue(Measures.toMillis(r.primary()), what + " (" + timeouts + ")", r.param(TrialParameters.ENGINE, "?"));
            }
            page.line();
            page.image("election-failover.png", "Election and failover", Charts.bars(
                    "Cold start to leader; leader crash to first write", "engine", "ms", bars, Map.of()));
        }
        if (!steady.isEmpty()) {
            page.line("Spurious elections while writing steadily (nothing failed, so every leader change is spurious):");
            page.line();
            page.line("| engine | election timeout | writes/s | terms begun while measuring (all iterations) |");
            page.line("|---|---|---|---|");
            for (JmhResult r : steady) {
                page.line("| " + r.param(TrialParameters.ENGINE, "?") + " | "
                        + r.param(TrialParameters.ELECTION_TIMEOUT_MS, TrialParameters.ENGINE_DEFAULT) + " | "
                        + r.primary().withError("%.0f") + " | "
                        + r.secondary(SecondaryResults.LEADER_CHANGES).map(m -> Format.number(m.score(), "%.1f")).orElse("–")
                        + " |");
            }
            page.line();
        }
    }
}

package io.graphraft.reports.report;

import io.graphraft.reports.Charts;
import io.graphraft.reports.Format;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.runfiles.OpenLoopFacts;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What latency a user sees at a fixed rate: open-loop benchmark shots and load-command steps of
 * CreateNode alone, then the {@link WorkloadMixes workload mixes} (reads and writes apart).
 */
final class OpenLoop implements Question {
    @Override
    public String title() {
        return "Open-loop latency (throughput–latency)";
    }

    @Override
    public boolean answerable(RunFolder run) {
        return !run.openLoopFacts().isEmpty();
    }

    @Override
    public void answer(Page page) {
        Map<String, List<double[]>> curves = new TreeMap<>();
        List<String> rows = new ArrayList<>();
        Map<TrialName, OpenLoopFacts> all = page.run().openLoopFacts();
        all.forEach((trial, facts) -> {
            if (WorkloadMixes.mixed(trial)) {
                return;
            }
            String group = trial.param(TrialParameters.ENGINE, "?") + " "
                    + trial.param(TrialParameters.NODES, TrialParameters.DEFAULT_NODES) + "n "
                    + trial.param(TrialParameters.DURABILITY, "");
            curves.computeIfAbsent(group + " p99", g -> new ArrayList<>())
                    .add(new double[] {facts.achievedPerSecond(), facts.responseP99Micros()});
            curves.computeIfAbsent(group + " p50", g -> new ArrayList<>())
                    .add(new double[] {facts.achievedPerSecond(), facts.responseP50Micros()});
            rows.add(row(group, facts));
        });
        if (rows.isEmpty()) {
            WorkloadMixes.answer(page, all);
            return;
        }
        page.line("Requests start on a fixed schedule; response time counts from each request's intended start (free of"
                + " coordinated omission), service time from its actual send. Failed requests are counted, not timed;"
                + " a saturated rate stopped early because too many requests were outstanding.");
        page.line();
        page.line("| engine | target rate | achieved | failed / sent | response p50 / p99 / p99.9 | service p50 / p99 | |");
        page.line("|---|---|---|---|---|---|---|");
        rows.forEach(page::line);
        page.line();
        page.image("throughput-latency.png", "Throughput–latency", Charts.lines("Response time by achieved rate",
                "achieved writes/s", "response time (µs)", Charts.series(curves), false, true, Map.of()));
        page.line();
        WorkloadMixes.answer(page, all);
    }

    private static String row(String group, OpenLoopFacts facts) {
        return "| " + group + " | " + Format.rate(facts.targetPerSecond()) + " | " + Format.rate(facts.achievedPerSecond())
                + " | " + facts.failed() + " / " + facts.sent() + " | "
                + Format.micros(facts.responseP50Micros()) + " / " + Format.micros(facts.responseP99Micros()) + " / "
                + Format.micros(facts.responseP999Micros()) + " | "
                + Format.micros(facts.serviceP50Micros()) + " / " + Format.micros(facts.serviceP99Micros()) + " | "
                + (facts.saturated() ? "saturated" : "") + " |";
    }
}

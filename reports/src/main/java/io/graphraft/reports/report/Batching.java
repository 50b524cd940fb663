package io.graphraft.reports.report;

import io.graphraft.reports.Charts;
import io.graphraft.reports.Format;
import io.graphraft.reports.JmhResult;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.TrialLabels;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.SecondaryResults;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What batching wins: operations per log entry, and concurrent writers (group commit, pipelining). */
final class Batching implements Question {
    @Override
    public String title() {
        return "Batching gains";
    }

    @Override
    public boolean answerable(RunFolder run) {
        return !run.results(BenchmarkId.BATCHING).isEmpty() || !run.results(BenchmarkId.CONCURRENT_WRITERS).isEmpty();
    }

    @Override
    public void answer(Page page) {
        RunFolder run = page.run();
        List<JmhResult> batches = run.results(BenchmarkId.BATCHING);
        List<JmhResult> writers = run.results(BenchmarkId.CONCURRENT_WRITERS);
        if (!batches.isEmpty()) {
            page.line("Operations per log entry (Batch commands), one writer. Throughput counts graph operations.");
            page.line();
            page.line("| trial | ops/entry | ops/s | gain | entry p50 / p99 | CPU busy | CPU per entry |");
            page.line("|---|---|---|---|---|---|---|");
            Map<String, List<double[]>> gains = new TreeMap<>();
            for (JmhResult r : TrialLabels.sortedResults(batches, TrialParameters.OPS_PER_ENTRY)) {
                double ops = r.secondary(SecondaryResults.OPS).map(JmhResult.Metric::score).orElse(Double.NaN);
                String err = r.secondary(SecondaryResults.OPS).map(m -> Format.number(m.error(), "%.0f")).orElse("–");
                double gain = page.measures().gain(r, TrialParameters.OPS_PER_ENTRY);
                String label = TrialLabels.label(r, TrialParameters.OPS_PER_ENTRY);
                gains.computeIfAbsent(label, g -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(r.param(TrialParameters.OPS_PER_ENTRY, "1")), gain});
                page.line("| " + label + " | " + r.param(TrialParameters.OPS_PER_ENTRY, "?") + " | "
                        + Format.number(ops, "%.0f") + " ± " + err + " | " + Format.ratio(gain) + " | "
                        + Measures.p50p99(run.latency(BenchmarkId.BATCHING, r.params())) + " | "
                        + Measures.cpu(Optional.of(r)) + " |");
            }
            page.line();
            page.image("batching-gain.png", "Batching gain", Charts.lines("Gain from operations per log entry",
                    "operations per entry", "throughput ÷ throughput at 1 op/entry", Charts.series(gains), true, true, Map.of()));
        }
        if (!writers.isEmpty()) {
            page.line("Concurrent closed-loop writers (single CreateNode each): what group commit and pipelining win.");
            page.line();
            page.line("| trial | writers | writes/s | gain | p50 / p99 | CPU busy | CPU per write |");
            page.line("|---|---|---|---|---|---|---|");
            Map<String, List<double[]>> gains = new TreeMap<>();
            for (JmhResult r : TrialLabels.sortedResults(writers, TrialParameters.WRITERS)) {
                double gain = page.measures().gain(r, TrialParameters.WRITERS);
                String label = TrialLabels.label(r, TrialParameters.WRITERS);
                gains.computeIfAbsent(label, g -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(r.param(TrialParameters.WRITERS, "1")), gain});
                page.line("| " + label + " | " + r.param(TrialParameters.WRITERS, "?") + " | " + r.primary().withError("%.0f")
                        + " | " + Format.ratio(gain) + " | "
                        + Measures.p50p99(run.latency(BenchmarkId.CONCURRENT_WRITERS, r.params())) + " | "
                        + Measures.cpu(Optional.of(r)) + " |");
            }
            page.line();
            page.image("writers-gain.png", "Concurrent writers gain", Charts.lines("Gain from concurrent writers",
                    "writers", "throughput ÷ one writer's", Charts.series(gains), true, true, Map.of()));
        }
    }
}

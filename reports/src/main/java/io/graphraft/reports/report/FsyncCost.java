package io.graphraft.reports.report;

import io.graphraft.reports.Charts;
import io.graphraft.reports.Format;
import io.graphraft.reports.LatencyDistribution;
import io.graphraft.reports.Noise;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.TrialLabels;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.SecondaryResults;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;
import org.jfree.data.category.DefaultCategoryDataset;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What fsync costs per engine: the same writes with and without it, against the physical floor. */
final class FsyncCost implements Question {
    @Override
    public String title() {
        return "What fsync costs, against the floor";
    }

    @Override
    public boolean answerable(RunFolder run) {
        return !run.latencies(BenchmarkId.WRITE_LATENCY).isEmpty();
    }

    @Override
    public void answer(Page page) {
        RunFolder run = page.run();
        List<LatencyDistribution> trials = TrialLabels.sorted(run.latencies(BenchmarkId.WRITE_LATENCY));
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        page.line("| trial | p50 fsync | p50 no fsync | fsync cost (difference) | fsync p50 ÷ floor |");
        page.line("|---|---|---|---|---|");
        Optional<Double> floor = run.fsyncFloorP50Micros();
        Set<String> seen = new LinkedHashSet<>();
        for (LatencyDistribution trial : trials) {
            TrialName t = trial.trial();
            String durability = t.param(TrialParameters.DURABILITY, "");
            String key = TrialLabels.label(t).replace(" " + durability, "");
            if (!seen.add(TrialLabels.label(t))) {
                continue;
            }
            bars.addValue(trial.percentileMicros(50), t.param(TrialParameters.DURABILITY, "?"), key);
            if (!"fsync".equals(durability)) {
                continue;
            }
            Map<String, String> other = new LinkedHashMap<>(t.params());
            other.put(TrialParameters.DURABILITY, "none");
            Optional<LatencyDistribution> none = run.latency(BenchmarkId.WRITE_LATENCY, other);
            double on = trial.percentileMicros(50);
            double off = none.map(n -> n.percentileMicros(50)).orElse(Double.NaN);
            page.line("| " + TrialLabels.label(t).replace(" fsync", "") + " | "
                    + Noise.latencyRange(trial, 50) + " | "
                    + none.map(n -> Noise.latencyRange(n, 50)).orElse("–") + " | "
                    + Format.micros(on - off) + " | " + floor.map(f -> Format.ratio(on / f)).orElse("–") + " |");
        }
        page.line();
        run.results(BenchmarkId.FLOOR_FSYNC).stream().findFirst()
                .flatMap(r -> r.secondary(SecondaryResults.CPU_PER_OP))
                .ifPresent(cpu -> page.line("One `FileChannel.force` took " + Format.micros(cpu.score()) + " of CPU on this"
                        + " machine (FloorBenchmark's CPU per operation), besides its wait: a write that each of 3 replicas"
                        + " forces on its own costs at least " + Format.micros(3 * cpu.score()) + " of CPU, whatever the engine;"
                        + " only several writes per force (group commit, batches) bring the CPU per write below that."));
        page.line();
        Map<String, Double> references = new LinkedHashMap<>();
        floor.ifPresent(f -> references.put("fsync floor p50", f));
        page.image("fsync-on-off.png", "p50 with and without fsync", Charts.bars("p50 CreateNode latency: fsync vs none",
                "engine, nodes", "p50 (µs)", bars, references));
        page.line("What durability=fsync means per engine (who fsyncs what before the acknowledgement):");
        page.line();
        run.env().engines().forEach((engine, facts) ->
                page.line("- **" + engine + "**: " + (facts.durability() != null ? facts.durability() : "")));
        page.line();
    }
}

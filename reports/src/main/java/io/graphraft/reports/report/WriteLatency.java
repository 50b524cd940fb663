package io.graphraft.reports.report;

import io.graphraft.reports.Charts;
import io.graphraft.reports.Format;
import io.graphraft.reports.LatencyDistribution;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.TrialLabels;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What one CreateNode costs per engine: percentile distributions with fsync, and every trial's table row. */
final class WriteLatency implements Question {
    @Override
    public String title() {
        return "Write latency (sequential CreateNode, closed loop)";
    }

    @Override
    public boolean answerable(RunFolder run) {
        return !run.latencies(BenchmarkId.WRITE_LATENCY).isEmpty();
    }

    @Override
    public void answer(Page page) {
        RunFolder run = page.run();
        List<LatencyDistribution> trials = TrialLabels.sorted(run.latencies(BenchmarkId.WRITE_LATENCY));
        List<Charts.Series> series = new ArrayList<>();
        for (LatencyDistribution trial : trials) {
            if (trial.count() > 0 && "fsync".equals(trial.trial().param(TrialParameters.DURABILITY, ""))) {
                series.add(new Charts.Series(TrialLabels.label(trial.trial()), trial.percentileCurve()));
            }
        }
        Map<String, Double> floor = new LinkedHashMap<>();
        run.fsyncFloorP50Micros().ifPresent(f -> floor.put("fsync floor p50 " + Format.micros(f), f));
        page.image("write-latency-percentiles.png", "Write latency distribution, durability fsync",
                Charts.percentiles("Sequential CreateNode, durability=fsync", series, floor));
        table(page, trials);
    }

    private static void table(Page page, List<LatencyDistribution> trials) {
        Optional<Double> floor = page.run().fsyncFloorP50Micros();
        page.line("| trial | count | p50 (over iterations) | p90 | p99 | p99.9 | max | p50 ÷ fsync floor | CPU busy | CPU per write |");
        page.line("|---|---|---|---|---|---|---|---|---|---|");
        for (LatencyDistribution trial : trials) {
            if (trial.count() == 0) {
                continue;
            }
            page.line("| " + TrialLabels.label(trial.trial()) + " | " + trial.count() + " | "
                    + Format.microsRange(trial.percentileRangeMicros(50))
                    + " | " + Format.micros(trial.percentileMicros(90)) + " | " + Format.micros(trial.percentileMicros(99))
                    + " | " + Format.micros(trial.percentileMicros(99.9)) + " | " + Format.micros(trial.maxMicros())
                    + " | " + floor.map(f -> Format.ratio(trial.percentileMicros(50) / f)).orElse("–")
                    + " | " + Measures.cpu(page.run().result(BenchmarkId.WRITE_LATENCY, trial.trial().params())) + " |");
        }
        page.line();
    }
}

package io.graphraft.reports.report;

import io.graphraft.reports.Charts;
import io.graphraft.reports.Format;
import io.graphraft.reports.runfiles.OpenLoopFacts;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The "Workload mixes" part of the open-loop section: per workload mix (a trial naming {@code workload})
 * a throughput–latency chart — p99 response time of its reads and of its writes against the rate achieved
 * by all its requests — and a table per engine and rate. With the load command's SLA in the run's
 * parameters, the highest rate within it (reads' and writes' p99 both within) per engine.
 */
final class WorkloadMixes {
    private WorkloadMixes() {
    }

    /** One rate of one engine under one mix: the facts of all its requests, of its reads and of its writes. */
    record Step(String group, OpenLoopFacts all, Optional<OpenLoopFacts> reads, Optional<OpenLoopFacts> writes) {
        boolean within(double slaMicros) {
            return !all.saturated() && all.failed() <= all.sent() / 100
                    && reads.map(r -> r.responseP99Micros() <= slaMicros).orElse(true)
                    && writes.map(w -> w.responseP99Micros() <= slaMicros).orElse(true);
        }
    }

    /** True if a trial is a mixed workload's (it names one), so the write-only part of the section leaves it out. */
    static boolean mixed(TrialName trial) {
        return trial.param(TrialParameters.WORKLOAD).isPresent();
    }

    /** Every mixed workload's steps, by workload, in ascending rate per engine. */
    static Map<String, List<Step>> steps(Map<TrialName, OpenLoopFacts> facts) {
        Map<String, List<Step>> byWorkload = new TreeMap<>();
        facts.forEach((trial, all) -> {
            if (!mixed(trial) || trial.param(TrialParameters.OPERATION).isPresent()) {
                return;
            }
            String group = trial.param(TrialParameters.ENGINE, "?") + " "
                    + trial.param(TrialParameters.NODES, TrialParameters.DEFAULT_NODES) + "n "
                    + trial.param(TrialParameters.DURABILITY, "");
            byWorkload.computeIfAbsent(trial.param(TrialParameters.WORKLOAD, "?"), w -> new ArrayList<>()).add(new Step(group, all,
                    Optional.ofNullable(facts.get(trial.with(TrialParameters.OPERATION, TrialParameters.READ))),
                    Optional.ofNullable(facts.get(trial.with(TrialParameters.OPERATION, TrialParameters.WRITE)))));
        });
        byWorkload.values().forEach(list -> list.sort(Comparator.comparing(Step::group)
                .thenComparingDouble(s -> s.all().targetPerSecond())));
        return byWorkload;
    }

    static void answer(Page page, Map<TrialName, OpenLoopFacts> facts) {
        Map<String, List<Step>> byWorkload = steps(facts);
        if (byWorkload.isEmpty()) {
            return;
        }
        page.line("### Workload mixes");
        page.line();
        page.line("Reads and writes of a mix (`workload=`: a 50/50 update/read, b 95/5 read/update, c read-only, ingest"
                + " create-heavy; zipfian or uniform keys over a preloaded graph) are timed apart, each from its intended start."
                + " The charts put each kind's p99 against the rate achieved by all requests together.");
        page.line();
        Optional<Double> sla = slaMillis(page);
        byWorkload.forEach((workload, steps) -> {
            page.line("**Workload " + workload + "**");
            page.line();
            page.line("| engine | target rate | achieved (all) | failed / sent | reads/s | reads p50 / p99 / p99.9"
                    + " | writes/s | writes p50 / p99 / p99.9 | |");
            page.line("|---|---|---|---|---|---|---|---|---|");
            Map<String, List<double[]>> curves = new LinkedHashMap<>();
            for (Step step : steps) {
                page.line(row(step));
                step.reads().ifPresent(r -> curves.computeIfAbsent(step.group() + " reads p99", k -> new ArrayList<>())
                        .add(new double[] {step.all().achievedPerSecond(), r.responseP99Micros()}));
                step.writes().ifPresent(w -> curves.computeIfAbsent(step.group() + " writes p99", k -> new ArrayList<>())
                        .add(new double[] {step.all().achievedPerSecond(), w.responseP99Micros()}));
            }
            page.line();
            sla.ifPresent(millis -> highestWithin(page, steps, millis));
            page.image("workload-" + workload + "-throughput-latency.png", "Throughput–latency, workload " + workload,
                    Charts.lines("Workload " + workload + ": p99 response time of reads and writes by achieved rate",
                            "achieved requests/s (reads and writes)", "p99 response time (µs)", Charts.series(curves),
                            false, true, sla.map(ms -> Map.of("SLA " + Format.number(ms, "%.1f") + " ms", ms * 1000))
                                    .orElse(Map.of())));
            page.line();
        });
    }

    private static void highestWithin(Page page, List<Step> steps, double slaMillis) {
        Map<String, Step> best = new LinkedHashMap<>();
        steps.forEach(step -> best.putIfAbsent(step.group(), null));
        for (Step step : steps) {
            if (step.within(slaMillis * 1000)) {
                best.merge(step.group(), step, (a, b) -> a == null || b.all().targetPerSecond() > a.all().targetPerSecond() ? b : a);
            }
        }
        best.forEach((group, step) -> page.line("- " + group + ": " + (step == null
                ? "no rate within the SLA of " + Format.number(slaMillis, "%.1f") + " ms (p99 of reads and of writes)"
                : "highest rate within the SLA of " + Format.number(slaMillis, "%.1f") + " ms (p99 of reads and of writes): "
                + Format.rate(step.all().targetPerSecond()) + " (achieved " + Format.rate(step.all().achievedPerSecond())
                + "); reads p99 " + step.reads().map(r -> Format.micros(r.responseP99Micros())).orElse("–")
                + ", writes p99 " + step.writes().map(w -> Format.micros(w.responseP99Micros())).orElse("–"))));
        page.line();
    }

    /** The load command's SLA, if this run is a load sweep. */
    private static Optional<Double> slaMillis(Page page) {
        Object sla = page.run().env().parameters().get("slaP99Ms");
        return sla instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }

    private static String row(Step step) {
        OpenLoopFacts all = step.all();
        return "| " + step.group() + " | " + Format.rate(all.targetPerSecond()) + " | " + Format.rate(all.achievedPerSecond())
                + " | " + all.failed() + " / " + all.sent() + " | " + kind(step.reads()) + " | " + kind(step.writes()) + " | "
                + (all.saturated() ? "saturated" : "") + " |";
    }

    private static String kind(Optional<OpenLoopFacts> facts) {
        return facts.map(f -> Format.rate(f.achievedPerSecond()) + " | " + Format.micros(f.responseP50Micros()) + " / "
                + Format.micros(f.responseP99Micros()) + " / " + Format.micros(f.responseP999Micros())).orElse("– | –");
    }
}

package io.graphraft.reports.report;

import io.graphraft.reports.Charts;
import io.graphraft.reports.Format;
import io.graphraft.reports.JmhResult;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.TrialLabels;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What transparent client batching wins: concurrent writers' throughput with {@code clientBatching=off}
 * (each writer's command its own entry, over several clients) and {@code auto} (the writers share one
 * client that coalesces their commands into batch entries), per engine and writer count.
 */
final class ClientBatching implements Question {
    @Override
    public String title() {
        return "Client batching (concurrent writers, off vs auto)";
    }

    @Override
    public boolean answerable(RunFolder run) {
        return run.results(BenchmarkId.CONCURRENT_WRITERS).stream().anyMatch(ClientBatching::batching);
    }

    @Override
    public void answer(Page page) {
        RunFolder run = page.run();
        page.line("| trial | writers | writes/s off | writes/s auto | auto ÷ off |");
        page.line("|---|---|---|---|---|");
        Map<String, List<double[]>> curves = new TreeMap<>();
        for (JmhResult auto : TrialLabels.sortedResults(run.results(BenchmarkId.CONCURRENT_WRITERS), TrialParameters.WRITERS)) {
            if (!batching(auto)) {
                continue;
            }
            Map<String, String> offParams = new LinkedHashMap<>(auto.params());
            offParams.put(TrialParameters.CLIENT_BATCHING, TrialParameters.DEFAULT_CLIENT_BATCHING);
            double on = auto.primary().score();
            double off = run.result(BenchmarkId.CONCURRENT_WRITERS, offParams).map(r -> r.primary().score()).orElse(Double.NaN);
            Map<String, String> labelParams = new LinkedHashMap<>(auto.params());
            labelParams.remove(TrialParameters.CLIENT_BATCHING);
            String label = TrialLabels.label(new TrialName(auto.benchmark(), labelParams))
                    .replace(" " + TrialParameters.WRITERS + "=" + auto.param(TrialParameters.WRITERS, ""), "");
            double writers = Double.parseDouble(auto.param(TrialParameters.WRITERS, "1"));
            page.line("| " + label + " | " + auto.param(TrialParameters.WRITERS, "?") + " | " + Format.number(off, "%.0f")
                    + " | " + auto.primary().withError("%.0f") + " | " + Format.ratio(on / off) + " |");
            curves.computeIfAbsent(label + " auto", k -> new ArrayList<>()).add(new double[] {writers, on});
            curves.computeIfAbsent(label + " off", k -> new ArrayList<>()).add(new double[] {writers, off});
        }
        page.line();
        page.image("client-batching.png", "Writes per second against writers, client batching off and auto",
                Charts.lines("Concurrent writers, clientBatching off vs auto", "writers", "writes/s",
                        Charts.series(curves), true, true, Map.of()));
    }

    private static boolean batching(JmhResult result) {
        return "auto".equals(result.param(TrialParameters.CLIENT_BATCHING, TrialParameters.DEFAULT_CLIENT_BATCHING));
    }
}

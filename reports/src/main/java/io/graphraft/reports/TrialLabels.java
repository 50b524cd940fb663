package io.graphraft.reports;

import io.graphraft.reports.runfiles.TrialName;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How reports and comparisons name and order trials. */
public final class TrialLabels {
    private static final List<String> ALWAYS_SHOWN =
            List.of(TrialParameters.ENGINE, TrialParameters.NODES, TrialParameters.DURABILITY);

    private TrialLabels() {
    }

    /** Engine, nodes, durability, and whatever else differs from the harness's defaults: {@code ratis 3n fsync rpc=grpc}. */
    public static String label(TrialName trial) {
        StringBuilder label = new StringBuilder(trial.label(ALWAYS_SHOWN.toArray(String[]::new)));
        trial.params().forEach((key, value) -> {
            if (!ALWAYS_SHOWN.contains(key) && !TrialParameters.isDefault(key, value)) {
                label.append(' ').append(key).append('=').append(value);
            }
        });
        return label.toString();
    }

    /** The label of a JMH result without the parameter a table already has a column for. */
    public static String label(JmhResult result, String without) {
        Map<String, String> params = new LinkedHashMap<>(result.params());
        params.remove(without);
        return label(new TrialName(result.benchmark(), params));
    }

    /** By engine, nodes, durability, then label. */
    public static List<LatencyDistribution> sorted(List<LatencyDistribution> trials) {
        List<LatencyDistribution> copy = new ArrayList<>(trials);
        copy.sort(Comparator.comparing((LatencyDistribution l) -> l.trial().param(TrialParameters.ENGINE, ""))
                .thenComparing(l -> l.trial().param(TrialParameters.NODES, TrialParameters.DEFAULT_NODES))
                .thenComparing(l -> l.trial().param(TrialParameters.DURABILITY, ""))
                .thenComparing(l -> label(l.trial())));
        return copy;
    }

    /** By engine, nodes, durability, then the numeric parameter {@code numericKey}. */
    public static List<JmhResult> sortedResults(List<JmhResult> results, String numericKey) {
        List<JmhResult> copy = new ArrayList<>(results);
        copy.sort(Comparator.comparing((JmhResult r) -> r.param(TrialParameters.ENGINE, ""))
                .thenComparing(r -> r.param(TrialParameters.NODES, TrialParameters.DEFAULT_NODES))
                .thenComparing(r -> r.param(TrialParameters.DURABILITY, ""))
                .thenComparingInt(r -> Integer.parseInt(r.param(numericKey, "0"))));
        return copy;
    }
}

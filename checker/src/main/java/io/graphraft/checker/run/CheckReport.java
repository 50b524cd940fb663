package io.graphraft.checker.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.graphraft.checker.history.ClientEvent;
import io.graphraft.checker.history.ClientOperation;
import io.graphraft.checker.history.HistoryEvent;
import io.graphraft.checker.history.NemesisEvent;
import io.graphraft.checker.history.OperationKind;
import io.graphraft.checker.history.Outcome;
import io.graphraft.checker.linearizability.KeyResult;
import io.graphraft.checker.report.CheckSummary;
import io.graphraft.checker.report.OperationCounts;
import io.graphraft.checker.report.ReportedAnomaly;
import io.graphraft.checker.set.SetResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a check's result into its run folder: {@value #JSON} (everything, for tools) and {@value #MARKDOWN} (a
 * report section: the verdict, the nemesis timeline, operations by outcome, the verdict per key, the set, and
 * each anomaly with the events around it).
 */
public final class CheckReport {
    public static final String JSON = "check.json";
    public static final String MARKDOWN = "check.md";

    private CheckReport() {
    }

    /** Writes both files into {@code runFolder}. */
    public static void write(CheckResult result, Path runFolder) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(runFolder.resolve(JSON).toFile(), json(result));
        Files.writeString(runFolder.resolve(MARKDOWN), markdown(result), StandardCharsets.UTF_8);
    }

    static Map<String, Object> json(CheckResult result) {
        CheckSummary summary = result.summary();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdict", summary.validity().name());
        out.put("exitCode", result.exitCode());
        out.put("verdictLine", result.verdictLine());
        out.put("config", result.config().describe());
        out.put("cluster", result.cluster());
        out.put("notes", result.notes());
        Map<String, Object> nemesis = new LinkedHashMap<>();
        nemesis.put("seed", result.plan().seed());
        nemesis.put("faults", result.plan().kinds().stream().map(FaultKind::label).toList());
        nemesis.put("roundsPlanned", result.plan().rounds().size());
        nemesis.put("roundsStruck", result.roundsStruck());
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (NemesisRound round : result.plan().rounds()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("round", round.number());
            r.put("fault", round.fault().kind().label());
            r.put("plan", round.fault().describe());
            r.put("startMs", round.start().toMillis());
            r.put("holdMs", round.hold().toMillis());
            rounds.add(r);
        }
        nemesis.put("plan", rounds);
        nemesis.put("failures", result.nemesisFailures());
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (NemesisEvent event : summary.nemesis()) {
            timeline.add(Map.of("atMs", millis(event.time() - summary.origin()), "kind", event.kind(),
                    "description", event.description()));
        }
        nemesis.put("timeline", timeline);
        out.put("nemesis", nemesis);
        out.put("workloadMs", result.workload().toMillis());
        Map<String, Object> finalRead = new LinkedHashMap<>();
        finalRead.put("served", result.finalRead().served());
        finalRead.put("elements", result.finalRead().elements() == null ? null : result.finalRead().elements().size());
        finalRead.put("problems", result.finalRead().problems());
        finalRead.put("ms", result.finalRead().took().toMillis());
        out.put("finalRead", finalRead);
        out.put("checkMs", summary.checkTime().toMillis());
        out.put("operations", operations(summary.operations()));
        List<Map<String, Object>> keys = new ArrayList<>();
        for (KeyResult key : summary.keys()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("key", key.key());
            k.put("verdict", key.verdict().name());
            k.put("operations", key.operations());
            k.put("dropped", key.dropped());
            k.put("statesExplored", key.statesExplored());
            k.put("counterexample", key.counterexample() == null ? null : key.counterexample().describe());
            k.put("unknownReason", key.unknownReason());
            keys.add(k);
        }
        out.put("keys", keys);
        out.put("set", summary.set() == null ? null : set(summary.set()));
        List<Map<String, Object>> anomalies = new ArrayList<>();
        for (ReportedAnomaly reported : summary.anomalies()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("type", reported.anomaly().type().name());
            a.put("subject", reported.anomaly().subject());
            a.put("description", reported.anomaly().description());
            a.put("operations", reported.anomaly().operations().stream().map(op -> op.describe(summary.origin())).toList());
            a.put("context", reported.context().describe(summary.origin()));
            a.put("omitted", reported.context().omitted());
            anomalies.add(a);
        }
        out.put("anomalies", anomalies);
        out.put("history", result.history().getFileName().toString());
        return out;
    }

    static String markdown(CheckResult result) {
        CheckSummary summary = result.summary();
        CheckConfig config = result.config();
        StringBuilder md = new StringBuilder();
        md.append("## Correctness check: ").append(config.engine()).append(", ").append(config.nodes())
                .append(" nodes, topology ").append(config.topology().label()).append("\n\n");
        md.append("**").append(result.verdictLine()).append("**\n\n");
        md.append(String.format(Locale.ROOT, "%d clients for %.1f s on %d registers and a set; %d of %d nemesis rounds"
                        + " struck; history checked in %d ms (%s).%n%n", config.clients(), result.workload().toMillis() / 1e3,
                config.keys(), result.roundsStruck(), result.plan().rounds().size(), summary.checkTime().toMillis(),
                result.history().getFileName()));
        md.append("Repeat (the same seed gives the same fault schedule): `").append(config.commandLine()).append("`\n\n");
        md.append("Cluster: ").append(result.cluster()).append("\n\n");
        if (!result.notes().isEmpty() || !result.nemesisFailures().isEmpty()) {
            for (String note : result.notes()) {
                md.append("- ").append(note).append('\n');
            }
            for (String failure : result.nemesisFailures()) {
                md.append("- nemesis could not: ").append(failure).append('\n');
            }
            md.append('\n');
        }

        md.append("### Nemesis timeline\n\n");
        if (summary.nemesis().isEmpty()) {
            md.append("No faults.\n\n");
        } else {
            md.append("| time (s) | event | details |\n|---:|---|---|\n");
            for (NemesisEvent event : summary.nemesis()) {
                md.append(String.format(Locale.ROOT, "| %.3f | %s | %s |%n", (event.time() - summary.origin()) / 1e9,
                        event.kind(), cell(event.description())));
            }
            md.append('\n');
        }

        md.append("### Operations by outcome\n\n| operation | ok | fail | unknown | total |\n|---|---:|---:|---:|---:|\n");
        OperationCounts counts = summary.operations();
        for (OperationKind kind : OperationKind.values()) {
            md.append("| ").append(kind.jsonName());
            int total = 0;
            for (Outcome outcome : Outcome.values()) {
                md.append(" | ").append(counts.count(kind, outcome));
                total += counts.count(kind, outcome);
            }
            md.append(" | ").append(total).append(" |\n");
        }
        md.append("| all | ").append(counts.total(Outcome.OK)).append(" | ").append(counts.total(Outcome.FAIL))
                .append(" | ").append(counts.total(Outcome.UNKNOWN)).append(" | ").append(counts.total()).append(" |\n\n");

        md.append("### Registers (linearizability per key)\n\n")
                .append("| key | verdict | operations checked | dropped | states explored |\n|---|---|---:|---:|---:|\n");
        for (KeyResult key : summary.keys()) {
            md.append("| ").append(key.key()).append(" | ").append(key.verdict())
                    .append(key.unknownReason() == null ? "" : " (" + cell(key.unknownReason()) + ")")
                    .append(" | ").append(key.operations()).append(" | ").append(key.dropped())
                    .append(" | ").append(key.statesExplored()).append(" |\n");
        }
        md.append('\n');

        md.append("### Set of created nodes\n\n");
        SetResult set = summary.set();
        if (set == null) {
            md.append("Not checked: ").append(String.join("; ", result.finalRead().problems())).append("\n\n");
        } else {
            md.append(String.format(Locale.ROOT, "%d creations: %d acknowledged (%d present), %d unknown (%d present),"
                            + " %d failed; the final read found %d elements.%n%n", set.creations(), set.acknowledged(),
                    set.acknowledgedPresent(), set.unknown(), set.recovered(), set.failed(), set.finalSize()));
            if (!result.finalRead().problems().isEmpty()) {
                md.append("Final read problems: ").append(String.join("; ", result.finalRead().problems())).append("\n\n");
            }
        }

        md.append("### Anomalies\n\n");
        if (summary.anomalies().isEmpty()) {
            md.append("None.\n");
        }
        int number = 0;
        for (ReportedAnomaly reported : summary.anomalies()) {
            md.append("#### ").append(++number).append(". ").append(reported.anomaly().type()).append(" (")
                    .append(reported.anomaly().subject()).append(")\n\n")
                    .append(reported.anomaly().description()).append("\n\n```text\n");
            ClientOperation anchor = reported.anomaly().operations().isEmpty() ? null : reported.anomaly().operations().get(0);
            for (HistoryEvent event : reported.context().events()) {
                boolean mark = anchor != null && event instanceof ClientEvent c && c.id() == anchor.id();
                md.append(mark ? "> " : "  ").append(event.describe(summary.origin())).append('\n');
            }
            if (reported.context().omitted() > 0) {
                md.append("  (").append(reported.context().omitted()).append(" events in the middle omitted)\n");
            }
            md.append("```\n\n");
        }
        return md.toString();
    }

    private static Map<String, Object> operations(OperationCounts counts) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OperationKind kind : OperationKind.values()) {
            Map<String, Object> outcomes = new LinkedHashMap<>();
            for (Outcome outcome : Outcome.values()) {
                outcomes.put(outcome.name().toLowerCase(Locale.ROOT), counts.count(kind, outcome));
            }
            out.put(kind.jsonName(), outcomes);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            all.put(outcome.name().toLowerCase(Locale.ROOT), counts.total(outcome));
        }
        all.put("total", counts.total());
        out.put("all", all);
        return out;
    }

    private static Map<String, Object> set(SetResult set) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("creations", set.creations());
        out.put("acknowledged", set.acknowledged());
        out.put("acknowledgedPresent", set.acknowledgedPresent());
        out.put("unknown", set.unknown());
        out.put("recovered", set.recovered());
        out.put("failed", set.failed());
        out.put("finalSize", set.finalSize());
        out.put("anomalies", set.anomalies().size());
        return out;
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}

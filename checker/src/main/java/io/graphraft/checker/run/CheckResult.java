package io.graphraft.checker.run;

import io.graphraft.checker.report.CheckSummary;
import io.graphraft.checker.report.ReportedAnomaly;
import io.graphraft.checker.report.Validity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a check run did and found.
 *
 * @param cluster        the cluster's settings as its spec describes them, with the topology and link layer
 * @param notes          what the run left out and why (a fault the cluster cannot take, a setting the engine has not)
 * @param roundsStruck   rounds whose fault struck (fewer than planned only if the run was cut short)
 * @param nemesisFailures faults or heals the nemesis could not apply
 * @param workload       how long the workload ran
 */
public record CheckResult(CheckConfig config, Map<String, Object> cluster, NemesisPlan plan, List<String> notes,
                          int roundsStruck, List<String> nemesisFailures, FinalRead finalRead, CheckSummary summary,
                          Path history, Duration workload) {
    /** The exit code of {@code check}: a real anomaly and an inconclusive run must both stop a script. */
    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int INCONCLUSIVE = 3;

    public CheckResult {
        cluster = Collections.unmodifiableMap(new LinkedHashMap<>(cluster));
        notes = List.copyOf(notes);
        nemesisFailures = List.copyOf(nemesisFailures);
    }

    /** {@link #INVALID} for any anomaly; {@link #INCONCLUSIVE} if a key's search ran out or the final read failed. */
    public int exitCode() {
        if (summary.validity() == Validity.INVALID) {
            return INVALID;
        }
        if (summary.validity() == Validity.UNKNOWN || !finalRead.problems().isEmpty()) {
            return INCONCLUSIVE;
        }
        return VALID;
    }

    /** The verdict in one line. */
    public String verdictLine() {
        String operations = summary.operations().total() + " operations";
        return switch (exitCode()) {
            case INVALID -> "INVALID: " + summary.anomalies().size() + " anomal"
                    + (summary.anomalies().size() == 1 ? "y" : "ies") + " in " + operations + " ("
                    + summary.anomalies().stream().map(CheckResult::brief).collect(Collectors.joining("; ")) + ")";
            case INCONCLUSIVE -> "INCONCLUSIVE: no anomaly in " + operations + ", but "
                    + (summary.validity() == Validity.UNKNOWN
                    ? summary.keysWith(io.graphraft.checker.linearizability.Verdict.UNKNOWN) + " key(s) ran out of search budget"
                    : String.join("; ", finalRead.problems()));
            default -> "VALID: no anomaly in " + operations + " over " + roundsStruck + " nemesis rounds";
        };
    }

    private static String brief(ReportedAnomaly reported) {
        return reported.anomaly().type() + " " + reported.anomaly().subject();
    }
}

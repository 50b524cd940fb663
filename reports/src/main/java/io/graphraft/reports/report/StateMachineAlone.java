package io.graphraft.reports.report;

import io.graphraft.reports.JmhResult;
import io.graphraft.reports.runfiles.BenchmarkId;
import io.graphraft.reports.runfiles.TrialParameters;

import java.util.List;

/** What one CreateNode costs to apply, with no engine: by store and codec. */
final class StateMachineAlone implements Section {
    @Override
    public void write(Page page) {
        List<JmhResult> results = page.run().results(BenchmarkId.APPLY);
        if (results.isEmpty()) {
            return;
        }
        page.line("## State machine alone (ApplyBenchmark)");
        page.line();
        page.line("One CreateNode applied by GraphStateMachine; `none` = the decoded command (the seed's 1.3 µs), `binary`/`json`"
                + " = from the encoded log entry to encoded result bytes, as engines call it.");
        page.line();
        page.line("| store | codec | ns/op |");
        page.line("|---|---|---|");
        for (JmhResult r : results) {
            page.line("| " + r.param(TrialParameters.STORE, "?") + " | " + r.param(TrialParameters.CODEC, "?") + " | "
                    + r.primary().withError("%.0f") + " |");
        }
        page.line();
    }
}

package io.graphraft.checker.report;

import io.graphraft.checker.AnomalyType;
import io.graphraft.checker.HistoryScript;
import io.graphraft.checker.RegisterSimulation;
import io.graphraft.checker.history.ClientEvent;
import io.graphraft.checker.history.History;
import io.graphraft.checker.history.NemesisEvent;
import io.graphraft.checker.history.OperationKind;
import io.graphraft.checker.history.Outcome;
import io.graphraft.checker.linearizability.LinearizabilityChecker;
import io.graphraft.checker.linearizability.SearchBudget;
import io.graphraft.checker.linearizability.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckSummaryTest {
    @Test
    void aStaleReadAndALostElementAreReportedWithTheEventsAroundThem() {
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 1_000_000, 2_000_000);
        script.nemesis(2_500_000, "partition", "partition {n0} | {n1,n2}");
        script.write(1, "k", 2, 3_000_000, 4_000_000);
        long stale = script.read(2, "k", 1L, 5_000_000, 6_000_000);
        script.write(0, "other", 9, 5_000_000, 6_000_000);
        script.nemesis(7_000_000, "heal", "heal");
        script.create(3, 10, Outcome.OK, 1_000_000, 1_500_000);
        long lost = script.create(3, 11, Outcome.OK, 2_000_000, 2_500_000);
        script.create(4, 12, Outcome.UNKNOWN, 2_000_000, 9_000_000);
        History history = script.history();

        CheckSummary summary = CheckSummary.check(history, List.of(10L), new LinearizabilityChecker(), 2);

        assertThat(summary.validity()).isEqualTo(Validity.INVALID);
        assertThat(summary.operations().total()).isEqualTo(7);
        assertThat(summary.operations().count(OperationKind.CREATE, Outcome.UNKNOWN)).isEqualTo(1);
        assertThat(summary.operations().total(Outcome.OK)).isEqualTo(6);
        assertThat(summary.keysWith(Verdict.NOT_LINEARIZABLE)).isEqualTo(1);
        assertThat(summary.keysWith(Verdict.LINEARIZABLE)).isEqualTo(1);
        assertThat(summary.nemesis()).extracting(NemesisEvent::kind).containsExactly("partition", "heal");
        assertThat(summary.anomalies()).extracting(r -> r.anomaly().type())
                .containsExactly(AnomalyType.NOT_LINEARIZABLE, AnomalyType.LOST);

        ReportedAnomaly staleRead = summary.anomalies().get(0);
        assertThat(staleRead.anomaly().operations().get(0).id()).isEqualTo(stale);
        assertThat(staleRead.context().events()).anySatisfy(e -> assertThat(e).isInstanceOf(NemesisEvent.class));
        assertThat(staleRead.context().events()).noneSatisfy(e ->
                assertThat(e instanceof ClientEvent c && "other".equals(c.operation().key())).isTrue());
        ReportedAnomaly lostElement = summary.anomalies().get(1);
        assertThat(lostElement.context().events()).anySatisfy(e ->
                assertThat(e instanceof ClientEvent c && c.id() == lost).isTrue());

        List<String> lines = summary.lines();
        assertThat(lines.get(0)).startsWith("verdict: INVALID");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("nemesis  partition  partition {n0} | {n1,n2}"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  > ").contains("read k -> 1"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("LOST: acknowledged element 11"));
    }

    @Test
    void aCleanHistoryIsValidAndAnExhaustedBudgetIsUnknown() {
        History history = History.of(new RegisterSimulation(3, 8, 3, 0).generate(400));

        CheckSummary clean = CheckSummary.check(history, null, new LinearizabilityChecker(), 3);
        CheckSummary starved = CheckSummary.check(history, null, new LinearizabilityChecker(SearchBudget.states(5)), 3);

        assertThat(clean.validity()).isEqualTo(Validity.VALID);
        assertThat(clean.anomalies()).isEmpty();
        assertThat(clean.set()).isNull();
        assertThat(starved.validity()).isEqualTo(Validity.UNKNOWN);
        assertThat(starved.lines()).anySatisfy(l -> assertThat(l).contains("unknown: explored 5 states"));
    }
}

package io.graphraft.checker.linearizability;

import io.graphraft.checker.HistoryScript;
import io.graphraft.checker.history.History;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A history whose search space explodes ends UNKNOWN within the budget instead of running away. */
class SearchBudgetTest {
    @Test
    void aPathologicalHistoryEndsUnknownWhenTheStateBudgetRunsOut() {
        KeyResult result = new LinearizabilityChecker(SearchBudget.states(50_000)).check(pathological(20)).key("k");

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.unknownReason()).contains("50000 states");
        assertThat(result.statesExplored()).isEqualTo(50_001);
    }

    @Test
    void aPathologicalHistoryEndsUnknownWhenTheTimeBudgetRunsOut() {
        SearchBudget noTime = new SearchBudget(Long.MAX_VALUE, Duration.ZERO);

        KeyResult result = new LinearizabilityChecker(noTime).check(pathological(20)).key("k");

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.unknownReason()).contains("time budget");
    }

    @Test
    void theSameShapeSmallEnoughToSearchIsNotLinearizable() {
        KeyResult result = new LinearizabilityChecker().check(pathological(6)).key("k");

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.statesExplored()).isGreaterThan(6 * 16);
    }

    @Test
    void aBudgetMustAllowSomething() {
        assertThatThrownBy(() -> SearchBudget.states(0)).hasMessageContaining("maxStates");
        assertThatThrownBy(() -> new SearchBudget(1, Duration.ofSeconds(-1))).hasMessageContaining("maxTime");
    }

    /**
     * {@code writers} concurrent writes of distinct values, spanning everything, and three reads one after the
     * other that see 1, then 2, then 1 again. Each value is written once, so no order works; proving it means
     * trying every subset of writes before each read.
     */
    private static History pathological(int writers) {
        HistoryScript script = new HistoryScript();
        for (int p = 0; p < writers; p++) {
            script.write(p, "k", p + 1, 0, 10_000);
        }
        script.read(writers, "k", 1L, 100, 200);
        script.read(writers, "k", 2L, 300, 400);
        script.read(writers, "k", 1L, 500, 600);
        return script.history();
    }
}

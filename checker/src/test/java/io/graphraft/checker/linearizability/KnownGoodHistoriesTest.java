package io.graphraft.checker.linearizability;

import io.graphraft.checker.HistoryScript;
import io.graphraft.checker.history.Operation;
import io.graphraft.checker.history.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Histories a linearizable register can produce, some of them only through one order. */
class KnownGoodHistoriesTest {
    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    @Test
    void sequentialWritesAndReadsFromAbsent() {
        HistoryScript script = new HistoryScript();
        script.read(0, "k", null, 0, 5);
        script.write(0, "k", 1, 10, 20);
        script.read(0, "k", 1L, 30, 40);
        script.write(0, "k", 2, 50, 60);
        script.read(0, "k", 2L, 70, 80);

        assertLinearizable(script);
    }

    @Test
    void aLongWriteThatMustTakeEffectAfterAShortOne() {
        // w1 spans everything; w2 ends before the reads start; the reads see 1, so w1 came after w2
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 0, 100);
        script.write(1, "k", 2, 10, 20);
        script.read(2, "k", 1L, 30, 40);
        script.read(3, "k", 1L, 50, 60);

        assertLinearizable(script);
    }

    @Test
    void concurrentWritesWhoseOnlyOrderIsRevealedByReads() {
        // reads see 3 then 2: write 3 took effect before write 2, though write 2 was invoked first
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 0, 10);
        script.write(1, "k", 2, 20, 60);
        script.write(2, "k", 3, 21, 60);
        script.read(3, "k", 3L, 30, 40);
        script.read(4, "k", 2L, 70, 80);

        assertLinearizable(script);
    }

    @Test
    void aReadConcurrentWithAWriteMaySeeEitherValue() {
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 0, 10);
        script.write(1, "k", 2, 20, 60);
        script.read(2, "k", 1L, 25, 35);
        script.read(3, "k", 2L, 30, 50);
        script.read(2, "k", 2L, 40, 55);

        assertLinearizable(script);
    }

    @Test
    void operationsThatTouchInTimeCountAsConcurrent() {
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 0, 10);
        script.read(1, "k", null, 10, 20);

        assertLinearizable(script);
    }

    @Test
    void anUnknownWriteThatTookEffect() {
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 0, 10);
        script.op(1, Operation.write("k", 2), Outcome.UNKNOWN, 20, 30);
        script.read(2, "k", 2L, 40, 50);

        assertLinearizable(script);
    }

    @Test
    void anUnknownWriteThatNeverTookEffect() {
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 0, 10);
        script.op(1, Operation.write("k", 2), Outcome.UNKNOWN, 20, 30);
        script.read(2, "k", 1L, 40, 50);
        script.read(2, "k", 1L, 60, 70);

        assertLinearizable(script);
    }

    @Test
    void anUnknownWriteThatTookEffectAfterTheClientGaveUp() {
        // the client recorded unknown at 30; the write landed between 50 and 60
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 0, 10);
        script.op(1, Operation.write("k", 2), Outcome.UNKNOWN, 20, 30);
        script.read(2, "k", 1L, 40, 50);
        script.read(2, "k", 2L, 60, 70);

        assertLinearizable(script);
    }

    @Test
    void anInvocationThatNeverCompletedMayHaveTakenEffect() {
        HistoryScript script = new HistoryScript();
        script.invokeOnly(1, Operation.write("k", 2), 20);
        script.read(2, "k", null, 30, 40);
        script.read(2, "k", 2L, 60, 70);

        assertLinearizable(script);
    }

    @Test
    void failedOperationsAndUnknownReadsConstrainNothing() {
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 0, 10);
        script.op(1, Operation.write("k", 2), Outcome.FAIL, 20, 30);
        script.op(2, Operation.read("k"), Outcome.UNKNOWN, 20, 30);
        script.read(2, "k", 1L, 40, 50);

        KeyResult result = checker.check(script.history()).key("k");

        assertThat(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(result.operations()).isEqualTo(2);
        assertThat(result.dropped()).isEqualTo(2);
    }

    @Test
    void repeatedValuesAreFine() {
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 0, 10);
        script.write(0, "k", 2, 20, 30);
        script.write(1, "k", 1, 25, 45);
        script.read(2, "k", 2L, 31, 35);
        script.read(2, "k", 1L, 50, 60);

        assertLinearizable(script);
    }

    private void assertLinearizable(HistoryScript script) {
        LinearizabilityResult result = checker.check(script.history());
        assertThat(result.verdict()).as("%s", result).isEqualTo(Verdict.LINEARIZABLE);
    }
}

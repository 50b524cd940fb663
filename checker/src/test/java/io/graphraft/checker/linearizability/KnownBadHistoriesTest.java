package io.graphraft.checker.linearizability;

import io.graphraft.checker.HistoryScript;
import io.graphraft.checker.history.ClientOperation;
import io.graphraft.checker.history.History;
import io.graphraft.checker.history.Operation;
import io.graphraft.checker.history.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Histories no linearizable register could produce: the checker must say so and point at the culprit. */
class KnownBadHistoriesTest {
    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    @Test
    void aStaleReadAfterALaterWriteCompleted() {
        HistoryScript script = new HistoryScript();
        long w1 = script.write(0, "k", 1, 0, 10);
        long w2 = script.write(1, "k", 2, 20, 30);
        long stale = script.read(2, "k", 1L, 40, 50);
        History history = script.history();

        KeyResult result = checker.check(history).key("k");

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        Counterexample counterexample = result.counterexample();
        assertThat(counterexample.blocked().id()).isEqualTo(stale);
        assertThat(counterexample.linearized()).extracting(ClientOperation::id).containsExactly(w1, w2);
        assertThat(counterexample.valueAfterLinearized()).isEqualTo(2L);
        assertThat(counterexample.describe()).contains("read k -> 1 (op " + stale + ") cannot take effect")
                .contains("the register holds 2");
    }

    @Test
    void aStaleReadWhileALaterWriteIsStillInFlight() {
        // once a read has seen 2, a read that starts after it ends cannot see 1 again
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 0, 10);
        script.write(1, "k", 2, 20, 100);
        script.read(2, "k", 2L, 30, 40);
        long inversion = script.read(3, "k", 1L, 50, 60);

        KeyResult result = checker.check(script.history()).key("k");

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.counterexample().blocked().id()).isEqualTo(inversion);
    }

    @Test
    void anAcknowledgedWriteThatIsNeverVisible() {
        HistoryScript script = new HistoryScript();
        long lost = script.write(0, "k", 1, 0, 10);
        long read = script.read(1, "k", null, 20, 30);

        KeyResult result = checker.check(script.history()).key("k");

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.counterexample().blocked().id()).isEqualTo(read);
        assertThat(result.counterexample().linearized()).extracting(ClientOperation::id).containsExactly(lost);
        assertThat(result.counterexample().describe()).contains("read k (op " + read + ")");
    }

    @Test
    void aWriteAppliedTwiceReappearsAfterALaterWrite() {
        // a retried write of 1 applied again after the write of 2: a later read sees 1 again
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 0, 10);
        script.write(1, "k", 2, 20, 30);
        script.read(2, "k", 2L, 40, 50);
        long duplicate = script.read(2, "k", 1L, 60, 70);

        KeyResult result = checker.check(script.history()).key("k");

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.counterexample().blocked().id()).isEqualTo(duplicate);
    }

    @Test
    void aReadOfAValueNeverWritten() {
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 0, 10);
        long phantom = script.read(1, "k", 42L, 5, 30);

        KeyResult result = checker.check(script.history()).key("k");

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.counterexample().blocked().id()).isEqualTo(phantom);
    }

    @Test
    void aReadOfAValueWhoseWriteFailed() {
        HistoryScript script = new HistoryScript();
        script.op(0, Operation.write("k", 7), Outcome.FAIL, 0, 10);
        script.read(1, "k", 7L, 20, 30);

        assertThat(checker.check(script.history()).key("k").verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void anUnknownWriteCannotTakeEffectBeforeItWasInvoked() {
        HistoryScript script = new HistoryScript();
        script.read(0, "k", 2L, 0, 10);
        script.op(1, Operation.write("k", 2), Outcome.UNKNOWN, 20, 30);

        assertThat(checker.check(script.history()).key("k").verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void concurrentWritesThatNoOrderExplains() {
        // 3 then 2 then 3 again: each value is written once, so no order of the writes explains the reads
        HistoryScript script = new HistoryScript();
        script.write(0, "k", 1, 0, 10);
        script.write(1, "k", 2, 20, 200);
        script.write(2, "k", 3, 20, 200);
        script.read(3, "k", 3L, 30, 40);
        script.read(3, "k", 2L, 45, 50);
        script.read(3, "k", 3L, 70, 80);

        assertThat(checker.check(script.history()).key("k").verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void onlyTheBadKeyIsFlagged() {
        HistoryScript script = new HistoryScript();
        script.write(0, "good", 1, 0, 10);
        script.read(1, "good", 1L, 20, 30);
        script.write(2, "bad", 1, 0, 10);
        script.read(3, "bad", null, 20, 30);

        LinearizabilityResult result = checker.check(script.history());

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.keysWith(Verdict.NOT_LINEARIZABLE)).extracting(KeyResult::key).containsExactly("bad");
        assertThat(result.key("good").verdict()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(result.anomalies()).singleElement().satisfies(a -> assertThat(a.subject()).isEqualTo("bad"));
    }
}

package io.graphraft.checker.linearizability;

import io.graphraft.checker.RegisterSimulation;
import io.graphraft.checker.history.ClientOperation;
import io.graphraft.checker.history.History;
import io.graphraft.checker.history.HistoryEvent;
import io.graphraft.checker.history.OperationKind;
import io.graphraft.checker.history.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Histories of a simulated linearizable register store under concurrent clients pass; the same history with one
 * read made stale fails on that key only.
 */
class GeneratedHistoryTest {
    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    @Test
    void aConcurrentHistoryOfTwelveHundredOperationsIsLinearizable() {
        List<HistoryEvent> events = new RegisterSimulation(16, 10, 4, 0).generate(1_200);
        History history = History.of(events);
        assertShape(history);

        LinearizabilityResult result = checker.check(history);

        assertThat(result.keys()).hasSize(4);
        assertThat(result.keys()).allSatisfy(key -> assertThat(key.verdict()).as(key.key()).isEqualTo(Verdict.LINEARIZABLE));
    }

    @Test
    void thatHistoryWithOneStaleReadIsCaughtOnItsKey() {
        List<HistoryEvent> events = new RegisterSimulation(16, 10, 4, 0).generate(1_200);
        History history = History.of(events);
        RegisterSimulation.Mutation mutation = RegisterSimulation.staleRead(events, history.operations());
        assertThat(mutation).as("the simulation produced a read that can be made stale").isNotNull();

        LinearizabilityResult result = checker.check(History.of(mutation.events()));

        String key = mutation.read().key();
        assertThat(result.key(key).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.keysWith(Verdict.NOT_LINEARIZABLE)).extracting(KeyResult::key).containsExactly(key);
        Counterexample counterexample = result.key(key).counterexample();
        List<Long> involved = new ArrayList<>(counterexample.pending().stream().map(ClientOperation::id).toList());
        involved.add(counterexample.blocked().id());
        assertThat(involved).as("the mutated read is the one that cannot take effect, or pending when the search is stuck")
                .contains(mutation.read().id());
    }

    @Test
    void manyClientsOnFewRepeatedValuesAreLinearizable() {
        // values repeat (1..3), so many orders explain a read: the search must still find one
        History history = History.of(new RegisterSimulation(7, 12, 3, 3).generate(1_500));

        LinearizabilityResult result = checker.check(history);

        assertThat(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void manySeedsAllPass() {
        for (long seed = 100; seed < 120; seed++) {
            History history = History.of(new RegisterSimulation(seed, 8, 2, seed % 2 == 0 ? 0 : 4).generate(300));
            assertThat(checker.check(history).verdict()).as("seed %d", seed).isEqualTo(Verdict.LINEARIZABLE);
        }
    }

    @Test
    void manySeedsWithAStaleReadAllFail() {
        int mutated = 0;
        for (long seed = 200; seed < 220; seed++) {
            List<HistoryEvent> events = new RegisterSimulation(seed, 8, 2, 0).generate(300);
            RegisterSimulation.Mutation mutation = RegisterSimulation.staleRead(events, History.of(events).operations());
            if (mutation == null) {
                continue;
            }
            mutated++;
            LinearizabilityResult result = checker.check(History.of(mutation.events()));
            assertThat(result.key(mutation.read().key()).verdict()).as("seed %d", seed).isEqualTo(Verdict.NOT_LINEARIZABLE);
        }
        assertThat(mutated).isGreaterThanOrEqualTo(15);
    }

    private static void assertShape(History history) {
        assertThat(history.operations()).hasSize(1_200);
        assertThat(history.operations().stream().map(ClientOperation::process).distinct().count()).isEqualTo(10);
        Map<Outcome, Long> outcomes = history.operations().stream()
                .collect(Collectors.groupingBy(ClientOperation::outcome, Collectors.counting()));
        assertThat(outcomes.get(Outcome.UNKNOWN)).isGreaterThan(50);
        assertThat(outcomes.get(Outcome.FAIL)).isGreaterThan(20);
        assertThat(history.operations()).filteredOn(op -> !op.completed()).isNotEmpty();
        assertThat(history.operations()).filteredOn(op -> op.kind() == OperationKind.READ && op.outcome() == Outcome.OK
                && op.value() != null).hasSizeGreaterThan(300);
        long overlapping = 0;
        List<ClientOperation> ops = history.operations();
        for (int i = 1; i < ops.size(); i++) {
            if (ops.get(i).invokeTime() < ops.get(i - 1).completeTime()) {
                overlapping++;
            }
        }
        assertThat(overlapping).as("operations overlap in time").isGreaterThan(600);
    }
}

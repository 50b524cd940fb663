package io.graphraft.checker.linearizability;

import io.graphraft.checker.history.ClientOperation;
import io.graphraft.checker.history.History;

import java.util.List;
import java.util.Map;

/**
 * Checks that the register operations of a history are linearizable, key by key. A history is linearizable iff
 * each key's sub-history is (linearizability is compositional, and Horn and Kroening's P-compositionality lets
 * the search run per key), so keys are checked independently, in parallel on the common pool.
 *
 * <p>Semantics as in Knossos and Porcupine: an {@code ok} operation took effect at one instant between its
 * invocation and completion; a {@code fail} operation never did; an {@code unknown} write may have taken effect at
 * any instant after its invocation, or never; an {@code unknown} read says nothing. The register starts absent.
 */
public final class LinearizabilityChecker {
    private final SearchBudget budget;

    public LinearizabilityChecker() {
        this(SearchBudget.DEFAULT);
    }

    /** {@code budget} applies to each key separately. */
    public LinearizabilityChecker(SearchBudget budget) {
        this.budget = budget;
    }

    public LinearizabilityResult check(History history) {
        Map<String, List<ClientOperation>> byKey = history.registerOperationsByKey();
        List<KeyResult> results = byKey.entrySet().parallelStream()
                .map(e -> checkKey(e.getKey(), e.getValue()))
                .toList();
        return new LinearizabilityResult(results);
    }

    /** Checks one key's operations (writes and reads of {@code key} only). */
    public KeyResult checkKey(String key, List<ClientOperation> operations) {
        return new RegisterSearch(KeyHistory.of(key, operations), budget).run();
    }
}

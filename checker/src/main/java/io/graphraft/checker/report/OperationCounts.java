package io.graphraft.checker.report;

import io.graphraft.checker.history.ClientOperation;
import io.graphraft.checker.history.History;
import io.graphraft.checker.history.OperationKind;
import io.graphraft.checker.history.Outcome;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** How many operations of each kind ended ok, fail or unknown. */
public record OperationCounts(Map<OperationKind, Map<Outcome, Integer>> byKind) {
    public OperationCounts {
        Map<OperationKind, Map<Outcome, Integer>> copy = new EnumMap<>(OperationKind.class);
        byKind.forEach((kind, outcomes) -> copy.put(kind, Collections.unmodifiableMap(new EnumMap<>(outcomes))));
        byKind = Collections.unmodifiableMap(copy);
    }

    public static OperationCounts of(History history) {
        Map<OperationKind, Map<Outcome, Integer>> counts = new EnumMap<>(OperationKind.class);
        for (OperationKind kind : OperationKind.values()) {
            Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                outcomes.put(outcome, 0);
            }
            counts.put(kind, outcomes);
        }
        for (ClientOperation op : history.operations()) {
            counts.get(op.kind()).merge(op.outcome(), 1, Integer::sum);
        }
        return new OperationCounts(counts);
    }

    public int count(OperationKind kind, Outcome outcome) {
        return byKind.getOrDefault(kind, Map.of()).getOrDefault(outcome, 0);
    }

    public int total(Outcome outcome) {
        int total = 0;
        for (OperationKind kind : OperationKind.values()) {
            total += count(kind, outcome);
        }
        return total;
    }

    public int total() {
        int total = 0;
        for (Outcome outcome : Outcome.values()) {
            total += total(outcome);
        }
        return total;
    }
}

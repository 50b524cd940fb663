package io.graphraft.checker.set;

import io.graphraft.checker.Anomaly;
import io.graphraft.checker.AnomalyType;
import io.graphraft.checker.history.ClientOperation;
import io.graphraft.checker.history.History;
import io.graphraft.checker.history.Outcome;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the history's creations against the set read at the end (after the final heal), with multiplicities:
 * every {@code ok} creation is present exactly once; an {@code unknown} one at most once; a {@code fail} one not
 * at all; nothing is present that no client tried to create. Elements must be unique per creation, so that a
 * present element names the one operation that made it.
 */
public final class SetChecker {
    private SetChecker() {
    }

    public static SetResult check(History history, Collection<Long> finalRead) {
        Map<Long, ClientOperation> creations = new LinkedHashMap<>();
        for (ClientOperation op : history.creations()) {
            ClientOperation earlier = creations.putIfAbsent(op.value(), op);
            if (earlier != null) {
                throw new IllegalArgumentException("element " + op.value() + " is created by op " + earlier.id()
                        + " and op " + op.id() + "; set checks need one creation per element");
            }
        }
        Map<Long, Integer> present = new HashMap<>();
        for (Long element : finalRead) {
            if (element == null) {
                throw new IllegalArgumentException("the final read contains a null element");
            }
            present.merge(element, 1, Integer::sum);
        }

        List<Anomaly> anomalies = new ArrayList<>();
        int acknowledged = 0;
        int acknowledgedPresent = 0;
        int unknown = 0;
        int recovered = 0;
        int failed = 0;
        for (ClientOperation op : creations.values()) {
            long element = op.value();
            int count = present.getOrDefault(element, 0);
            switch (op.outcome()) {
                case OK -> {
                    acknowledged++;
                    if (count == 0) {
                        anomalies.add(anomaly(AnomalyType.LOST, element, "acknowledged element " + element
                                + " (op " + op.id() + ") is missing from the final set", op));
                    } else {
                        acknowledgedPresent++;
                    }
                }
                case UNKNOWN -> {
                    unknown++;
                    if (count > 0) {
                        recovered++;
                    }
                }
                case FAIL -> {
                    failed++;
                    if (count > 0) {
                        anomalies.add(anomaly(AnomalyType.FAILED_BUT_PRESENT, element, "element " + element
                                + " (op " + op.id() + ") failed but is present " + times(count), op));
                    }
                }
            }
            if (count > 1 && op.outcome() != Outcome.FAIL) {
                anomalies.add(anomaly(AnomalyType.DUPLICATED, element, "element " + element + " (op " + op.id()
                        + ", " + op.outcome().name().toLowerCase(Locale.ROOT) + ") is present "
                        + times(count), op));
            }
        }
        Map<Long, Integer> unexpected = new TreeMap<>();
        present.forEach((element, count) -> {
            if (!creations.containsKey(element)) {
                unexpected.put(element, count);
            }
        });
        unexpected.forEach((element, count) -> anomalies.add(new Anomaly(AnomalyType.UNEXPECTED,
                String.valueOf(element), "element " + element + " is present " + times(count)
                + " but no client tried to create it", List.of())));
        return new SetResult(creations.size(), acknowledged, acknowledgedPresent, unknown, recovered, failed,
                finalRead.size(), anomalies);
    }

    private static Anomaly anomaly(AnomalyType type, long element, String description, ClientOperation op) {
        return new Anomaly(type, String.valueOf(element), description, List.of(op));
    }

    private static String times(int count) {
        return count == 1 ? "once" : count + " times";
    }
}

package io.graphraft.checker.set;

import io.graphraft.checker.Anomaly;

import java.util.List;

/**
 * What the set check found: how the creations ended and whether their elements survived, and the anomalies.
 * {@code recovered} counts unknown creations present in the final set (they did happen); {@code finalSize}
 * counts the final read with duplicates.
 */
public record SetResult(int creations, int acknowledged, int acknowledgedPresent, int unknown, int recovered,
                        int failed, int finalSize, List<Anomaly> anomalies) {
    public SetResult {
        anomalies = List.copyOf(anomalies);
    }

    public boolean valid() {
        return anomalies.isEmpty();
    }
}

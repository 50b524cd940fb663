package io.graphraft.checker.linearizability;

import io.graphraft.checker.Anomaly;
import io.graphraft.checker.AnomalyType;
import io.graphraft.checker.history.ClientOperation;

import java.util.ArrayList;
import java.util.List;

/** The verdicts for every register key of a history, keys sorted. */
public record LinearizabilityResult(List<KeyResult> keys) {
    public LinearizabilityResult {
        keys = List.copyOf(keys);
    }

    /** NOT_LINEARIZABLE if any key is; otherwise UNKNOWN if any key is; otherwise LINEARIZABLE. */
    public Verdict verdict() {
        Verdict verdict = Verdict.LINEARIZABLE;
        for (KeyResult key : keys) {
            if (key.verdict() == Verdict.NOT_LINEARIZABLE) {
                return Verdict.NOT_LINEARIZABLE;
            }
            if (key.verdict() == Verdict.UNKNOWN) {
                verdict = Verdict.UNKNOWN;
            }
        }
        return verdict;
    }

    public List<KeyResult> keysWith(Verdict verdict) {
        return keys.stream().filter(k -> k.verdict() == verdict).toList();
    }

    public KeyResult key(String key) {
        return keys.stream().filter(k -> k.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no register key '" + key + "' in this result"));
    }

    /** One anomaly per non-linearizable key; its first operation is the one that could not take effect. */
    public List<Anomaly> anomalies() {
        List<Anomaly> anomalies = new ArrayList<>();
        for (KeyResult key : keysWith(Verdict.NOT_LINEARIZABLE)) {
            Counterexample counterexample = key.counterexample();
            List<ClientOperation> involved = new ArrayList<>();
            involved.add(counterexample.blocked());
            involved.addAll(counterexample.pending());
            anomalies.add(new Anomaly(AnomalyType.NOT_LINEARIZABLE, key.key(),
                    "key " + key.key() + ": " + counterexample.describe(), involved));
        }
        return anomalies;
    }
}

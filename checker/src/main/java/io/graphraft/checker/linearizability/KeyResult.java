package io.graphraft.checker.linearizability;

import java.util.Objects;

/**
 * The verdict for one register key. {@code operations} is how many operations constrained the search (after
 * dropping failed ones, unknown reads and unobserved unknown writes: {@code dropped});
 * {@code statesExplored} the configurations the search visited. {@code counterexample} is set only when not
 * linearizable, {@code unknownReason} only when the budget ran out.
 */
public record KeyResult(String key, Verdict verdict, int operations, int dropped, long statesExplored,
                        Counterexample counterexample, String unknownReason) {
    public KeyResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(verdict, "verdict");
        if ((verdict == Verdict.NOT_LINEARIZABLE) != (counterexample != null)) {
            throw new IllegalArgumentException("a counterexample goes with NOT_LINEARIZABLE and only with it");
        }
        if ((verdict == Verdict.UNKNOWN) != (unknownReason != null)) {
            throw new IllegalArgumentException("an unknown reason goes with UNKNOWN and only with it");
        }
    }
}

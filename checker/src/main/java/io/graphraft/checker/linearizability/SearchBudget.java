package io.graphraft.checker.linearizability;

import java.time.Duration;

/**
 * How far the search for one key may go before it gives up with {@link Verdict#UNKNOWN}: at most
 * {@code maxStates} distinct configurations (set of linearized operations, register value) and at most
 * {@code maxTime} of wall time. The state limit is deterministic; the time limit is a backstop. The memo keeps
 * every explored configuration until the key is decided, so {@code maxStates} also bounds the search's memory.
 */
public record SearchBudget(long maxStates, Duration maxTime) {
    /** Enough for histories of tens of thousands of operations per key with modest concurrency. */
    public static final SearchBudget DEFAULT = new SearchBudget(2_000_000, Duration.ofMinutes(1));

    public SearchBudget {
        if (maxStates < 1) {
            throw new IllegalArgumentException("maxStates must be >= 1, got " + maxStates);
        }
        if (maxTime == null || maxTime.isNegative()) {
            throw new IllegalArgumentException("maxTime must be >= 0, got " + maxTime);
        }
    }

    public static SearchBudget states(long maxStates) {
        return new SearchBudget(maxStates, DEFAULT.maxTime());
    }
}

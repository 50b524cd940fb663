package io.graphraft.checker.linearizability;

/** What the search concluded for a key. */
public enum Verdict {
    /** Some order of the operations, consistent with their real-time intervals, explains every result. */
    LINEARIZABLE,
    /** No such order exists: the history shows an anomaly. */
    NOT_LINEARIZABLE,
    /** The search budget ran out before an answer. */
    UNKNOWN
}

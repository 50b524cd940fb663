package io.graphraft.checker;

/** The kinds of anomaly the checkers report. */
public enum AnomalyType {
    /** A register key's operations admit no linearization (a stale read, a lost or reapplied write, a read of a value never written). */
    NOT_LINEARIZABLE,
    /** An acknowledged creation is missing from the final set. */
    LOST,
    /** An element is present more than once in the final set. */
    DUPLICATED,
    /** An element is present that no client tried to create. */
    UNEXPECTED,
    /** A creation that failed (definitely did not happen) is present. */
    FAILED_BUT_PRESENT
}

package io.graphraft.checker.report;

/** The overall verdict of a checked history. */
public enum Validity {
    /** Every key linearizable and the set intact. */
    VALID,
    /** At least one anomaly. */
    INVALID,
    /** No anomaly found, but the search budget ran out on at least one key. */
    UNKNOWN
}

package io.graphraft.checker.history;

/**
 * How an operation ended. {@code UNKNOWN} (Jepsen's {@code info}) is indeterminate: the operation may have taken
 * effect at any point after its invocation, or never (a timeout, a lost connection, a crashed client).
 */
public enum Outcome {
    /** It happened, between invocation and completion. */
    OK,
    /** It definitely did not happen. */
    FAIL,
    /** It may or may not have happened. */
    UNKNOWN
}

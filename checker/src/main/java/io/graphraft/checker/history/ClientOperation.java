package io.graphraft.checker.history;

import java.util.Locale;
import java.util.Objects;

/**
 * An invocation paired with its completion. {@code operation} is the completed form (a read carries the value
 * it observed). An invocation the history never completed counts as {@link Outcome#UNKNOWN} with
 * {@code completeTime == NOT_COMPLETED}.
 */
public record ClientOperation(long id, int process, Operation operation, Outcome outcome,
                              long invokeTime, long completeTime, String error) {
    public static final long NOT_COMPLETED = Long.MAX_VALUE;

    public ClientOperation {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(outcome, "outcome");
        if (completeTime < invokeTime) {
            throw new IllegalArgumentException("op " + id + " completes at " + completeTime
                    + " before its invocation at " + invokeTime);
        }
    }

    public OperationKind kind() {
        return operation.kind();
    }

    public String key() {
        return operation.key();
    }

    public Long value() {
        return operation.value();
    }

    public boolean completed() {
        return completeTime != NOT_COMPLETED;
    }

    /** One line of text for reports. */
    public String describe(long origin) {
        return "p" + process + " " + operation.describe() + " " + outcome.name().toLowerCase(Locale.ROOT)
                + " [" + HistoryEvent.millisSince(origin, invokeTime).trim() + " .. "
                + (completed() ? HistoryEvent.millisSince(origin, completeTime).trim() : "never") + "] (op " + id + ")";
    }
}

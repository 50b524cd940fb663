package io.graphraft.checker.history;

import java.util.Objects;

/**
 * A client's invocation of an operation, or its completion ({@code ok}, {@code fail}, {@code unknown}).
 * {@code id} pairs the two; {@code process} is the client that ran it (one operation at a time).
 * {@code error} optionally says why an operation failed or ended unknown.
 */
public record ClientEvent(EventType type, long time, int process, long id, Operation operation, String error)
        implements HistoryEvent {
    public ClientEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(operation, "operation");
        if (type == EventType.NEMESIS) {
            throw new IllegalArgumentException("a client event cannot have type nemesis");
        }
        if (process < 0) {
            throw new IllegalArgumentException("process must be >= 0, got " + process);
        }
        if (error != null && (type == EventType.INVOKE || type == EventType.OK)) {
            throw new IllegalArgumentException("only fail and unknown events carry an error, not " + type.jsonName());
        }
    }

    public static ClientEvent invoke(long time, int process, long id, Operation operation) {
        return new ClientEvent(EventType.INVOKE, time, process, id, operation, null);
    }

    public static ClientEvent completion(Outcome outcome, long time, int process, long id, Operation operation, String error) {
        return new ClientEvent(EventType.completion(outcome), time, process, id, operation, error);
    }

    @Override
    public String describe(long origin) {
        return HistoryEvent.millisSince(origin, time) + "  p" + process + "  " + type.jsonName() + "  "
                + operation.describe() + "  (op " + id + ")" + (error == null ? "" : "  " + error);
    }
}

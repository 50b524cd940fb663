package io.graphraft.checker.history;

import java.util.Objects;

/**
 * A fault the nemesis injected or healed, kept in the history for the report's timeline.
 * {@code kind} is a short tag ({@code kill}, {@code partition}, {@code heal}); {@code description} the details
 * ({@code "partition {n0} | {n1,n2}"}).
 */
public record NemesisEvent(long time, String kind, String description) implements HistoryEvent {
    public NemesisEvent {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("a nemesis event needs a kind");
        }
        Objects.requireNonNull(description, "description");
    }

    @Override
    public EventType type() {
        return EventType.NEMESIS;
    }

    @Override
    public String describe(long origin) {
        return HistoryEvent.millisSince(origin, time) + "  nemesis  " + kind
                + (description.isEmpty() || description.equals(kind) ? "" : "  " + description);
    }
}

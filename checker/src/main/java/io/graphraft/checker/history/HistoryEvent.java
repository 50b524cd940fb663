package io.graphraft.checker.history;

import java.util.Locale;

/** One line of a history: a client event or a nemesis event, at a monotonic time in nanoseconds. */
public sealed interface HistoryEvent permits ClientEvent, NemesisEvent {
    EventType type();

    long time();

    /** One line of text for reports, with the time in milliseconds since {@code origin}. */
    String describe(long origin);

    static String millisSince(long origin, long time) {
        return String.format(Locale.ROOT, "%10.3f ms", (time - origin) / 1e6);
    }
}

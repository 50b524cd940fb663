package io.graphraft.checker.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Events around something a report points at, in time order. {@code omitted} events in the middle of a long
 * operation were left out to keep the excerpt short.
 */
public record Excerpt(List<HistoryEvent> events, int omitted) {
    public Excerpt {
        events = List.copyOf(events);
    }

    /** One line per event, times in milliseconds since {@code origin}. */
    public List<String> describe(long origin) {
        List<String> lines = new ArrayList<>(events.size() + 1);
        for (HistoryEvent event : events) {
            lines.add(event.describe(origin));
        }
        return lines;
    }
}

package io.graphraft.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/** A directed, typed edge between two nodes. */
public record Edge(long id, long from, long to, String type, SortedMap<String, Object> properties) {
    public Edge {
        Objects.requireNonNull(type, "edge type must not be null");
        properties = Properties.checked(properties);
    }

    public static Edge of(long id, long from, long to, String type, Map<String, ?> properties) {
        return new Edge(id, from, to, type, Properties.checked(properties));
    }
}

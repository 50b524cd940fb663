package io.graphraft.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/** A graph node. Properties are validated and kept sorted (see {@link Properties}). */
public record Node(long id, String label, SortedMap<String, Object> properties) {
    public Node {
        Objects.requireNonNull(label, "node label must not be null");
        properties = Properties.checked(properties);
    }

    public static Node of(long id, String label, Map<String, ?> properties) {
        return new Node(id, label, Properties.checked(properties));
    }
}

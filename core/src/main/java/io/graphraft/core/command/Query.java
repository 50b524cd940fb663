package io.graphraft.core.command;

import io.graphraft.core.model.Direction;

import java.util.Objects;

/** A read of the graph. Queries never change state. */
public sealed interface Query {

    record GetNode(long id) implements Query {
    }

    record GetEdge(long id) implements Query {
    }

    /** Ids of the nodes reached from {@code id} along its edges in the given direction, ascending. */
    record Neighbors(long id, Direction direction) implements Query {
        public Neighbors {
            Objects.requireNonNull(direction, "direction must not be null");
        }
    }

    /** Number of nodes and edges. */
    record Count() implements Query {
    }

    /**
     * A checksum of the whole graph content (nodes, edges and id counters; not the log index),
     * so replicas can be compared for identical state.
     */
    record Digest() implements Query {
    }
}

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

    /**
     * A page of the ids of the nodes whose label is {@code label}: those above {@code afterId}, ascending, at most
     * {@code limit} of them (fewer: the last page). Page through by asking again after the last id of a page.
     * Answered by scanning every node: meant for checks after a run, not for a hot path. Pages keep answers small
     * (an engine's messages may be bounded: Copycat's byte arrays are, at 64 KiB).
     */
    record NodesByLabel(String label, long afterId, int limit) implements Query {
        public NodesByLabel {
            Objects.requireNonNull(label, "label must not be null");
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, was " + limit);
            }
        }

        /** The first page. */
        public static NodesByLabel first(String label, int limit) {
            return new NodesByLabel(label, 0, limit);
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

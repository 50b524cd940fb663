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
     * The k-hop neighborhood of node {@code id}: ids of the nodes reached from it along its edges in the given
     * direction within {@code depth} hops, the start excluded, breadth first: nearest first, and ascending by id
     * within one distance. At most {@code limit} of them; the answer says whether more were within reach.
     * Both bounds are capped ({@link #MAX_DEPTH}, {@link #MAX_LIMIT}) so one query cannot walk the whole graph
     * or outgrow an engine's message size (Copycat's byte arrays are bounded at 64 KiB).
     */
    record Neighborhood(long id, Direction direction, int depth, int limit) implements Query {
        public static final int MAX_DEPTH = 8;
        public static final int MAX_LIMIT = 4096;

        public Neighborhood {
            Objects.requireNonNull(direction, "direction must not be null");
            if (depth < 1 || depth > MAX_DEPTH) {
                throw new IllegalArgumentException("depth must be between 1 and " + MAX_DEPTH + ", was " + depth);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
            }
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

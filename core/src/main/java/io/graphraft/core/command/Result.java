package io.graphraft.core.command;

import io.graphraft.core.model.Edge;
import io.graphraft.core.model.Node;

import java.util.List;
import java.util.Objects;

/** The outcome of applying a command or a query. Errors are results, not exceptions. */
public sealed interface Result {

    default boolean isError() {
        return this instanceof Error;
    }

    /** A write applied; {@code id} is the created, updated or deleted node's or edge's id. */
    record Applied(long id) implements Result {
    }

    record Error(ErrorCode code, String message) implements Result {
        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** One result per command of a batch, in order. */
    record BatchApplied(List<Result> results) implements Result {
        public BatchApplied {
            results = List.copyOf(results);
        }
    }

    record NodeFound(Node node) implements Result {
    }

    record EdgeFound(Edge edge) implements Result {
    }

    record NeighborIds(List<Long> ids) implements Result {
        public NeighborIds {
            ids = List.copyOf(ids);
        }
    }

    /**
     * The answer to {@link Query.Neighborhood}: ids nearest first, ascending within one distance; {@code truncated}
     * when more nodes were within reach than the query's limit let through.
     */
    record NeighborhoodIds(List<Long> ids, boolean truncated) implements Result {
        public NeighborhoodIds {
            ids = List.copyOf(ids);
        }
    }

    /** Ids of nodes, ascending (a page of the answer to {@link Query.NodesByLabel}). */
    record NodeIds(List<Long> ids) implements Result {
        public NodeIds {
            ids = List.copyOf(ids);
        }
    }

    record Counts(long nodes, long edges) implements Result {
    }

    record DigestValue(long checksum, long nodes, long edges) implements Result {
    }
}

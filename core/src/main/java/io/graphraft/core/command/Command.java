package io.graphraft.core.command;

import io.graphraft.core.model.Properties;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/** A write to the graph: one log entry's worth of intent. Ids are assigned by the state machine. */
public sealed interface Command {

    /** Creates a node; the result carries the new node's id. */
    record CreateNode(String label, SortedMap<String, Object> properties) implements Command {
        public CreateNode {
            Objects.requireNonNull(label, "label must not be null");
            properties = Properties.checked(properties);
        }

        public static CreateNode of(String label, Map<String, ?> properties) {
            return new CreateNode(label, Properties.checked(properties));
        }
    }

    /** Sets (merges) the given properties on an existing node. */
    record UpdateNode(long id, SortedMap<String, Object> properties) implements Command {
        public UpdateNode {
            properties = Properties.checked(properties);
        }

        public static UpdateNode of(long id, Map<String, ?> properties) {
            return new UpdateNode(id, Properties.checked(properties));
        }
    }

    /** Deletes a node together with every edge that starts or ends at it. */
    record DeleteNode(long id) implements Command {
    }

    /** Creates a directed edge between two existing nodes; the result carries the new edge's id. */
    record CreateEdge(long from, long to, String type, SortedMap<String, Object> properties) implements Command {
        public CreateEdge {
            Objects.requireNonNull(type, "type must not be null");
            properties = Properties.checked(properties);
        }

        public static CreateEdge of(long from, long to, String type, Map<String, ?> properties) {
            return new CreateEdge(from, to, type, Properties.checked(properties));
        }
    }

    record DeleteEdge(long id) implements Command {
    }

    /**
     * Many commands in one log entry. Each command applies (or fails) on its own, in order; the
     * result lists one result per command. Batches do not nest.
     */
    record Batch(List<Command> commands) implements Command {
        public Batch {
            commands = List.copyOf(commands);
            for (Command command : commands) {
                if (command instanceof Batch) {
                    throw new IllegalArgumentException("a Batch must not contain another Batch");
                }
            }
        }
    }
}

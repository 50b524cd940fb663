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
     * result lists one result per command. Batches do not nest and hold no session commands.
     */
    record Batch(List<Command> commands) implements Command {
        public Batch {
            commands = List.copyOf(commands);
            for (Command command : commands) {
                if (command instanceof Batch) {
                    throw new IllegalArgumentException("a Batch must not contain another Batch");
                }
                if (command instanceof OpenSession || command instanceof InSession) {
                    throw new IllegalArgumentException("a Batch must not contain a session command; put the Batch in a session instead");
                }
            }
        }
    }

    /**
     * Opens a client session for exactly-once writes (Raft thesis 6.3); the result's id is the new
     * session's id. A session whose opening answer was lost is simply never used, and expires.
     */
    record OpenSession() implements Command {
    }

    /**
     * A write in a client session: the state machine applies {@code command} only if {@code sequence}
     * is above the session's last applied one, and answers the session's last sequence again with the
     * result it remembered, without applying it again. So a client may resend a write whose answer it
     * lost, with the same sequence number, and it applies once. Sequence numbers start at 1.
     */
    record InSession(long session, long sequence, Command command) implements Command {
        public InSession {
            Objects.requireNonNull(command, "command must not be null");
            if (command instanceof OpenSession || command instanceof InSession) {
                throw new IllegalArgumentException("a session command must not hold another session command");
            }
        }
    }
}

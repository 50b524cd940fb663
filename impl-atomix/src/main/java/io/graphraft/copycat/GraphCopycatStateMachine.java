package io.graphraft.copycat;

import io.atomix.copycat.server.Commit;
import io.atomix.copycat.server.Snapshottable;
import io.atomix.copycat.server.StateMachine;
import io.atomix.copycat.server.StateMachineExecutor;
import io.atomix.copycat.server.storage.snapshot.SnapshotReader;
import io.atomix.copycat.server.storage.snapshot.SnapshotWriter;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.statemachine.GraphStateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Adapts core's {@link GraphStateMachine} to Copycat: commands are applied at their log index,
 * queries answered from the current state, snapshots are the graph state machine's own format
 * streamed through Copycat's snapshot files. Every commit is closed once used.
 *
 * <p>Copycat calls all of this on its single state machine thread, in log order. On every start
 * (and when a follower resets its log) Copycat builds a fresh state machine and replays the log
 * from index 1, skipping compacted entries, and installs its newest snapshot exactly when the
 * replay reaches the snapshot's index; so the indexes {@link GraphStateMachine#apply} sees always
 * grow, and a snapshot only replaces state with state at least as new.
 *
 * <p>Fail-stop: Copycat answers a client with the exception a state machine throws and goes on with
 * the next entry, so a replica whose apply failed half-way (a store failure, a bug), whose snapshot
 * install failed (it would apply the entries after the snapshot onto the state before it) or whose
 * snapshot write failed (Copycat would complete the partial snapshot) would diverge and keep serving.
 * Instead the graph is closed at once, nothing more is applied or answered, and the node is told to
 * stop its server, as Ratis shuts a division down and the durable baseline stops its writer; a
 * restart rebuilds the state from snapshot and log.
 */
final class GraphCopycatStateMachine extends StateMachine implements Snapshottable {
    private static final int STREAM_BUFFER = 1 << 16;
    private static final Logger LOG = LoggerFactory.getLogger(GraphCopycatStateMachine.class);

    private final GraphStateMachine graph;
    private final Consumer<GraphCopycatStateMachine> stopNode;
    private final BooleanSupplier leading;
    /** Why this replica stopped, or null; set and read on the state machine thread. */
    private String failure;

    /**
     * @param stopNode called once, on the state machine thread, when this state machine fails; it must not block
     * @param leading whether this replica's server is the leader now (follower-only queries are refused there)
     */
    GraphCopycatStateMachine(GraphStateMachine graph, Consumer<GraphCopycatStateMachine> stopNode, BooleanSupplier leading) {
        this.graph = graph;
        this.stopNode = stopNode;
        this.leading = leading;
    }

    GraphStateMachine graph() {
        return graph;
    }

    /** Runs {@code task} on the state machine thread, after everything already queued there. */
    Executor stateMachineThread() {
        return executor.executor();
    }

    @Override
    protected void configure(StateMachineExecutor executor) {
        executor.register(GraphCommand.class, this::apply);
        executor.register(GraphQuery.class, this::query);
    }

    private byte[] apply(Commit<GraphCommand> commit) {
        try {
            requireRunning();
            return graph.apply(commit.index(), commit.operation().bytes());
        } catch (EngineUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failStop("applying log entry " + commit.index(), e);
        } finally {
            commit.close();
        }
    }

    private byte[] query(Commit<GraphQuery> commit) {
        try {
            requireRunning();
            if (commit.operation().followerOnly() && leading.getAsBoolean()) {
                return GraphQuery.REFUSED_BY_LEADER;
            }
            return graph.query(commit.operation().bytes());
        } finally {
            commit.close();
        }
    }

    @Override
    public void snapshot(SnapshotWriter writer) {
        requireRunning();
        try (OutputStream out = new BufferedOutputStream(new SnapshotWriterStream(writer), STREAM_BUFFER)) {
            graph.writeSnapshot(out);
        } catch (IOException | RuntimeException e) {
            throw failStop("writing a snapshot", e);
        }
    }

    @Override
    public void install(SnapshotReader reader) {
        requireRunning();
        try (InputStream in = new BufferedInputStream(new SnapshotReaderStream(reader), STREAM_BUFFER)) {
            graph.restoreSnapshot(in);
        } catch (IOException | RuntimeException e) {
            throw failStop("installing a snapshot", e);
        }
    }

    private void requireRunning() {
        if (failure != null) {
            throw new EngineUnavailableException("this copycat replica stopped after a state machine failure: " + failure);
        }
    }

    /** Closes the graph so nothing more reaches a state that may be partly changed, and has the node stop. */
    private EngineUnavailableException failStop(String what, Throwable cause) {
        if (failure == null) {
            failure = what + " failed: " + cause;
            LOG.error("copycat replica stops (fail-stop): {}; restart it to rebuild its state from snapshot and log", failure, cause);
            graph.close();
            stopNode.accept(this);
        }
        return new EngineUnavailableException("this copycat replica stopped after a state machine failure: " + failure, cause);
    }

    /** An OutputStream over Copycat's snapshot writer; closing it leaves the writer to Copycat. */
    private static final class SnapshotWriterStream extends OutputStream {
        private final SnapshotWriter writer;

        SnapshotWriterStream(SnapshotWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            writer.writeByte(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            writer.write(bytes, offset, length);
        }
    }

    /** An InputStream over Copycat's snapshot reader that ends where the snapshot's data ends. */
    private static final class SnapshotReaderStream extends InputStream {
        private final SnapshotReader reader;

        SnapshotReaderStream(SnapshotReader reader) {
            this.reader = reader;
        }

        @Override
        public int read() {
            return reader.hasRemaining() ? reader.readUnsignedByte() : -1;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int available = (int) Math.min(length, reader.remaining());
            if (available <= 0) {
                return -1;
            }
            reader.read(bytes, offset, available);
            return available;
        }
    }
}

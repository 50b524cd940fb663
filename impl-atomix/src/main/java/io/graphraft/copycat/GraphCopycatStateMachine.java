package io.graphraft.copycat;

import io.atomix.copycat.server.Commit;
import io.atomix.copycat.server.Snapshottable;
import io.atomix.copycat.server.StateMachine;
import io.atomix.copycat.server.StateMachineExecutor;
import io.atomix.copycat.server.storage.snapshot.SnapshotReader;
import io.atomix.copycat.server.storage.snapshot.SnapshotWriter;
import io.graphraft.core.statemachine.GraphStateMachine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

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
 */
final class GraphCopycatStateMachine extends StateMachine implements Snapshottable {
    private static final int STREAM_BUFFER = 1 << 16;

    private final GraphStateMachine graph;

    GraphCopycatStateMachine(GraphStateMachine graph) {
        this.graph = graph;
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
            return graph.apply(commit.index(), commit.operation().bytes());
        } finally {
            commit.close();
        }
    }

    private byte[] query(Commit<GraphQuery> commit) {
        try {
            return graph.query(commit.operation().bytes());
        } finally {
            commit.close();
        }
    }

    @Override
    public void snapshot(SnapshotWriter writer) {
        try (OutputStream out = new BufferedOutputStream(new SnapshotWriterStream(writer), STREAM_BUFFER)) {
            graph.writeSnapshot(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the graph snapshot", e);
        }
    }

    @Override
    public void install(SnapshotReader reader) {
        try (InputStream in = new BufferedInputStream(new SnapshotReaderStream(reader), STREAM_BUFFER)) {
            graph.restoreSnapshot(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the graph snapshot", e);
        }
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

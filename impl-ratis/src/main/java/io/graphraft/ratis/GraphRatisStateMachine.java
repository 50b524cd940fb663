package io.graphraft.ratis;

import io.graphraft.core.statemachine.GraphStateMachine;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Adapts core's {@link GraphStateMachine} to Ratis: log entries are applied in order on Ratis's
 * updater thread, queries are answered from the local graph, and snapshots are kept by
 * {@link GraphSnapshotStorage} (Ratis's snapshot files, each with the RocksDB checkpoint's files beside it).
 *
 * <p>The graph is empty when this is created; {@link #initialize} restores the newest snapshot and
 * Ratis then replays the log after it. A follower receiving a snapshot install is paused, then
 * {@link #reinitialize reinitialized} from the installed file.
 */
final class GraphRatisStateMachine extends BaseStateMachine {
    private final GraphStateMachine graph;
    private final GraphSnapshotStorage storage = new GraphSnapshotStorage();
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * The newest snapshot, or null if there is none. Kept here because the storage's own
     * {@link SimpleStateMachineStorage#getLatestSnapshot()} caches only a snapshot it found: while none
     * exists it lists the state machine directory on every call, and Ratis asks on every appendEntries.
     * Every path that creates a snapshot (initialize, takeSnapshot, an installed snapshot's reinitialize)
     * sets it.
     */
    private volatile FileListSnapshotInfo latestSnapshot;

    GraphRatisStateMachine(GraphStateMachine graph) {
        this.graph = graph;
    }

    GraphStateMachine graph() {
        return graph;
    }

    @Override
    public GraphSnapshotStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            storage.init(raftStorage);
            storage.deleteOrphans();
            restoreLatest();
        }, IOException.class);
    }

    /** Called before a snapshot from the leader replaces the state machine directory. */
    @Override
    public synchronized void pause() {
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /** Called after a snapshot install: loads the installed snapshot (the storage's cache is stale, so rescan). */
    @Override
    public synchronized void reinitialize() throws IOException {
        restoreLatest();
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        // Bad commands come back as error results. Anything thrown here is a store failure (or a bug)
        // after which this replica's state may be partly applied: it propagates and Ratis shuts the
        // division down (fail-stop) rather than let a diverged replica keep serving.
        byte[] result = graph.apply(entry.getIndex(), entry.getStateMachineLogEntry().getLogData().toByteArray());
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(result)));
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        try {
            byte[] result = graph.query(request.getContent().toByteArray());
            return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(result)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Runs on the updater thread between two applies, so the graph and the applied term/index agree.
     * The graph's own applied index may be lower (configuration and metadata entries are not commands).
     */
    @Override
    public synchronized long takeSnapshot() throws IOException {
        TermIndex applied = getLastAppliedTermIndex();
        if (applied.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        FileListSnapshotInfo latest = latestSnapshot;
        if (latest != null && latest.getIndex() >= applied.getIndex()) {
            return latest.getIndex();
        }
        latestSnapshot = storage.write(graph, applied);
        return applied.getIndex();
    }

    @Override
    public FileListSnapshotInfo getLatestSnapshot() {
        return latestSnapshot;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            graph.close();
        }
    }

    private void restoreLatest() throws IOException {
        FileListSnapshotInfo snapshot = storage.restoreLatest(graph);
        latestSnapshot = snapshot;
        if (snapshot != null) {
            setLastAppliedTermIndex(snapshot.getTermIndex());
        }
    }
}

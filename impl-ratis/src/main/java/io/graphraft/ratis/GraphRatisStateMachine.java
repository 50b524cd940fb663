package io.graphraft.ratis;

import io.graphraft.core.statemachine.GraphStateMachine;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Adapts core's {@link GraphStateMachine} to Ratis: log entries are applied in order on Ratis's
 * updater thread, queries are answered from the local graph, and snapshots are single files in
 * Ratis's {@link SimpleStateMachineStorage} (written by {@link GraphStateMachine#writeSnapshot}).
 *
 * <p>The graph is empty when this is created; {@link #initialize} restores the newest snapshot and
 * Ratis then replays the log after it. A follower receiving a snapshot install is paused, then
 * {@link #reinitialize reinitialized} from the installed file.
 */
final class GraphRatisStateMachine extends BaseStateMachine {
    private final GraphStateMachine graph;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * The newest snapshot, or null if there is none. Kept here because the storage's own
     * {@link SimpleStateMachineStorage#getLatestSnapshot()} caches only a snapshot it found: while none
     * exists it lists the state machine directory on every call, and Ratis asks on every appendEntries.
     * Every path that creates a snapshot (initialize, takeSnapshot, an installed snapshot's reinitialize)
     * sets it.
     */
    private volatile SingleFileSnapshotInfo latestSnapshot;

    GraphRatisStateMachine(GraphStateMachine graph) {
        this.graph = graph;
    }

    GraphStateMachine graph() {
        return graph;
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            storage.init(raftStorage);
            restore(storage.loadLatestSnapshot());
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
        restore(storage.loadLatestSnapshot());
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
        SingleFileSnapshotInfo latest = latestSnapshot;
        if (latest != null && latest.getIndex() >= applied.getIndex()) {
            return latest.getIndex();
        }
        File file = storage.getSnapshotFile(applied.getTerm(), applied.getIndex());
        graph.writeSnapshot(file.toPath());
        // The .md5 is Ratis's: its storage keeps (and retires) only snapshots that have one, and
        // installs send it to followers, which check the received file against it.
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        latestSnapshot = storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), applied));
        return applied.getIndex();
    }

    @Override
    public SingleFileSnapshotInfo getLatestSnapshot() {
        return latestSnapshot;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            graph.close();
        }
    }

    private void restore(SingleFileSnapshotInfo snapshot) throws IOException {
        latestSnapshot = snapshot;
        if (snapshot == null) {
            return;
        }
        // Not MD5FileUtil.verifySavedMD5: the restore checks every block's checksum before it swaps
        // anything in, and the MD5 would read the whole file a second time (~0.2 s for 1M nodes).
        graph.restoreSnapshot(snapshot.getFile().getPath());
        setLastAppliedTermIndex(snapshot.getTermIndex());
    }
}

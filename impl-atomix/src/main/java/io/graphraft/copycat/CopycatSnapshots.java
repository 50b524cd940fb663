package io.graphraft.copycat;

import io.atomix.catalyst.concurrent.ThreadContext;
import io.atomix.copycat.server.CopycatServer;
import io.atomix.copycat.server.state.ServerContext;
import io.atomix.copycat.server.storage.Log;
import io.atomix.copycat.server.storage.snapshot.Snapshot;
import io.atomix.copycat.server.storage.snapshot.SnapshotStore;
import io.atomix.copycat.server.storage.snapshot.SnapshotWriter;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A snapshot on demand, taken the way Copycat takes its own when a log segment fills
 * (ServerStateMachine.takeSnapshot/completeSnapshot): on the server thread the snapshot is created
 * at the last applied index; the state machine writes it on its own thread, after every entry up to
 * that index and before any later one; back on the server thread it is completed (Copycat fsyncs
 * and locks the file, makes it current and deletes older ones) and the log is asked to compact.
 * It is an ordinary Copycat snapshot: installed at restart, sent to lagging followers, and it lets
 * Copycat clean the snapshotted entries of full segments (once every client session has moved
 * past them, at the latest at Copycat's one-minute minor compaction).
 *
 * <p>Copycat completes a snapshot it started on its own (when a segment fills) only at the next
 * session keep-alive, up to half a session timeout (2.5 s by default) later. When such a pending
 * snapshot already covers every entry the caller needs, this waits for it. Otherwise it does not:
 * it takes its own at the last applied index, above the pending one's (Copycat names snapshot files
 * by index and second, so the two never share a file), and once its own is current it deletes the
 * pending one's file, which Copycat would discard without deleting at that keep-alive ("Discarding
 * pending snapshot", ServerStateMachine.completeSnapshot in 1.2.8). Waiting for it instead made a
 * snapshot right after a bulk load take up to 2.6 s rather than 0.3 s.
 */
final class CopycatSnapshots {
    private static final Duration PENDING_POLL = Duration.ofMillis(10);

    private CopycatSnapshots() {
    }

    /** Completes when a snapshot covering every entry applied before the call is on disk. */
    static CompletableFuture<Void> takeNow(CopycatServer server, GraphCopycatStateMachine stateMachine) {
        ServerContext context = CopycatInternals.context(server);
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.getThreadContext().executor().execute(() -> start(context, stateMachine, -1, done));
        return done;
    }

    /** On the server thread. {@code target} is the index the caller needs covered (-1: not read yet). */
    private static void start(ServerContext context, GraphCopycatStateMachine stateMachine, long target,
                              CompletableFuture<Void> done) {
        ThreadContext serverThread = context.getThreadContext();
        try {
            if (done.isDone()) {
                return; // the caller gave up
            }
            long wanted = target >= 0 ? target : CopycatInternals.lastApplied(context);
            SnapshotStore store = context.getSnapshotStore();
            if (wanted == 0 || covered(store, wanted)) {
                done.complete(null);
                return;
            }
            Snapshot pending = CopycatInternals.pendingSnapshot(context);
            if (pending != null && pending.index() >= wanted) {
                serverThread.schedule(PENDING_POLL, () -> start(context, stateMachine, wanted, done));
                return;
            }
            Snapshot snapshot = store.createSnapshot(CopycatInternals.lastApplied(context));
            stateMachine.stateMachineThread().execute(() -> {
                try {
                    synchronized (snapshot) {
                        try (SnapshotWriter writer = snapshot.writer()) {
                            stateMachine.snapshot(writer);
                        }
                    }
                    serverThread.executor().execute(() -> complete(context, snapshot, done));
                } catch (RuntimeException e) {
                    snapshot.delete();
                    done.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    /** On the server thread. */
    private static void complete(ServerContext context, Snapshot snapshot, CompletableFuture<Void> done) {
        try {
            if (covered(context.getSnapshotStore(), snapshot.index())) {
                snapshot.delete(); // Copycat completed a newer one meanwhile
            } else {
                snapshot.complete();
                deleteIfSuperseded(CopycatInternals.pendingSnapshot(context), snapshot);
                Log log = context.getLog();
                log.compactor().snapshotIndex(snapshot.index());
                log.compactor().compact();
            }
            done.complete(null);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    /**
     * Deletes the file of Copycat's pending snapshot if it lies below {@code current}: Copycat will
     * discard it, not complete it. Being older, it was started before {@code current}, so the state
     * machine thread finished writing it before it wrote {@code current}. On the server thread.
     */
    private static void deleteIfSuperseded(Snapshot pending, Snapshot current) {
        if (pending != null && pending.index() < current.index()) {
            pending.delete();
        }
    }

    /** Index of the server's current (completed) snapshot, 0 if none; on the server thread. */
    static long currentIndex(ServerContext context) {
        Snapshot current = context.getSnapshotStore().currentSnapshot();
        return current == null ? 0 : current.index();
    }

    private static boolean covered(SnapshotStore store, long index) {
        Snapshot current = store.currentSnapshot();
        return current != null && current.index() >= index;
    }
}

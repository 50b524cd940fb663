package io.graphraft.jraft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.statemachine.SnapshotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Adapts core's {@link GraphStateMachine} to SOFAJRaft. jraft calls all of this on one FSM thread,
 * in log order.
 * <ul>
 *   <li>{@link #onApply}: each data entry is applied at its log index; on the leader that proposed
 *       it, the entry's closure gets the encoded result and then runs. A command that cannot apply is
 *       an error result, not a failure. Anything thrown is a store failure (or a bug) after which the
 *       graph may be partly applied: the entry is rolled back with {@code setErrorAndRollback}, jraft
 *       puts the node in its error state and calls {@link #onError}, which stops the member
 *       (fail-stop, as Ratis and the durable baseline do) instead of letting a diverged replica serve.</li>
 *   <li>Snapshots are one file, {@value #SNAPSHOT_FILE}, written by {@link GraphStateMachine#writeSnapshot(Path)}
 *       (fsynced, renamed into place) into jraft's snapshot directory and registered with the writer;
 *       jraft writes its meta beside it and copies both to followers that need an install.</li>
 *   <li>A snapshot that cannot be loaded leaves the graph untouched and returns false: at start jraft
 *       then fails the node's init (the member does not start), on an install it puts the node in its
 *       error state, which stops the member. Either way nothing serves from an un-restored graph.</li>
 * </ul>
 */
final class GraphJraftStateMachine extends StateMachineAdapter {
    static final String SNAPSHOT_FILE = "graph.snapshot";
    private static final Logger LOG = LoggerFactory.getLogger(GraphJraftStateMachine.class);
    private static final byte[] EMPTY = new byte[0];

    /** A proposer's closure that takes the applied command's result before it runs. */
    interface ResultClosure extends Closure {
        void setResult(byte[] result);
    }

    private final String member;
    private final GraphStateMachine graph;
    private final Consumer<String> failStop;
    private volatile String loadFailure;

    /**
     * @param failStop called (on jraft's FSM thread) with the reason when the node can no longer
     *     apply; it must not wait for the node to stop
     */
    GraphJraftStateMachine(String member, GraphStateMachine graph, Consumer<String> failStop) {
        this.member = member;
        this.graph = graph;
        this.failStop = failStop;
    }

    GraphStateMachine graph() {
        return graph;
    }

    /** Why the last snapshot load failed, or null. */
    String loadFailure() {
        return loadFailure;
    }

    @Override
    public void onApply(Iterator iterator) {
        while (iterator.hasNext()) {
            long index = iterator.getIndex();
            byte[] result;
            try {
                result = graph.apply(index, bytes(iterator.getData()));
            } catch (RuntimeException e) {
                LOG.error("{}: the graph state machine failed at log index {}; stopping this member", member, index, e);
                iterator.setErrorAndRollback(1, new Status(RaftError.ESTATEMACHINE,
                        "the graph state machine failed at log index %s: %s", index, e));
                return;
            }
            Closure done = iterator.done();
            if (done != null) {
                if (done instanceof ResultClosure proposer) {
                    proposer.setResult(result);
                }
                done.run(Status.OK());
            }
            iterator.next();
        }
    }

    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        try {
            graph.writeSnapshot(Path.of(writer.getPath(), SNAPSHOT_FILE));
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: cannot write the graph snapshot in {}", member, writer.getPath(), e);
            done.run(new Status(RaftError.EIO, "cannot write the graph snapshot: %s", e));
            return;
        }
        if (!writer.addFile(SNAPSHOT_FILE)) {
            done.run(new Status(RaftError.EIO, "jraft did not register the snapshot file %s", SNAPSHOT_FILE));
            return;
        }
        done.run(Status.OK());
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        if (reader.getFileMeta(SNAPSHOT_FILE) == null) {
            return loadFailed("the snapshot in " + reader.getPath() + " lists no " + SNAPSHOT_FILE, null);
        }
        try {
            graph.restoreSnapshot(Path.of(reader.getPath(), SNAPSHOT_FILE));
            loadFailure = null;
            return true;
        } catch (SnapshotException | RuntimeException e) {
            return loadFailed(e.getMessage(), e);
        }
    }

    @Override
    public void onError(RaftException error) {
        LOG.error("{}: jraft reports a critical error, stopping this member: {}", member, error.getStatus());
        failStop.accept(error.getStatus().toString());
    }

    private boolean loadFailed(String reason, Exception cause) {
        loadFailure = reason;
        LOG.error("{}: cannot load the graph snapshot: {}", member, reason, cause);
        return false;
    }

    private static byte[] bytes(ByteBuffer data) {
        if (data == null) {
            return EMPTY;
        }
        ByteBuffer view = data.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

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
 *   <li>A snapshot is the directory {@value #SNAPSHOT_DIRECTORY} in jraft's snapshot directory, written by
 *       {@link GraphStateMachine#writeSnapshotDirectory(Path)} (fsynced, renamed into place): the snapshot
 *       file {@value #DIRECTORY_SNAPSHOT_FILE} plus, for the RocksDB store, the checkpoint's files in
 *       {@code files/} (SST files hard-linked, not copied). Every regular file in it is registered with the
 *       writer by its relative name; jraft writes its meta beside them and copies them all (creating the
 *       nested directories) to followers that need an install.</li>
 *   <li>Snapshots written before that are one self-contained file, {@value #LEGACY_SNAPSHOT_FILE}
 *       ({@link GraphStateMachine#writeSnapshot(Path)}); they still load.</li>
 *   <li>A snapshot that cannot be loaded (it lists neither layout, or its content is bad) leaves the graph
 *       untouched and returns false: at start jraft then fails the node's init (the member does not
 *       start), on an install it puts the node in its error state, which stops the member. Either way
 *       nothing serves from an un-restored graph.</li>
 * </ul>
 */
final class GraphJraftStateMachine extends StateMachineAdapter {
    /** The graph's snapshot directory inside jraft's, and the snapshot file jraft lists for it. */
    static final String SNAPSHOT_DIRECTORY = "graph";
    static final String DIRECTORY_SNAPSHOT_FILE = SNAPSHOT_DIRECTORY + "/" + GraphStateMachine.SNAPSHOT_FILE;
    /** The single-file snapshot this adapter wrote before it wrote directories. */
    static final String LEGACY_SNAPSHOT_FILE = "graph.snapshot";
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
        Path root = Path.of(writer.getPath());
        List<String> files;
        try {
            graph.writeSnapshotDirectory(root.resolve(SNAPSHOT_DIRECTORY));
            files = regularFilesBelow(root, root.resolve(SNAPSHOT_DIRECTORY));
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: cannot write the graph snapshot in {}", member, writer.getPath(), e);
            done.run(new Status(RaftError.EIO, "cannot write the graph snapshot: %s", e));
            return;
        }
        for (String file : files) {
            if (!writer.addFile(file)) {
                done.run(new Status(RaftError.EIO, "jraft did not register the snapshot file %s", file));
                return;
            }
        }
        done.run(Status.OK());
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        Path root = Path.of(reader.getPath());
        try {
            if (reader.getFileMeta(DIRECTORY_SNAPSHOT_FILE) != null) {
                graph.restoreSnapshotDirectory(root.resolve(SNAPSHOT_DIRECTORY));
            } else if (reader.getFileMeta(LEGACY_SNAPSHOT_FILE) != null) {
                graph.restoreSnapshot(root.resolve(LEGACY_SNAPSHOT_FILE));
            } else {
                return loadFailed("the snapshot in " + reader.getPath() + " lists neither " + DIRECTORY_SNAPSHOT_FILE
                        + " nor " + LEGACY_SNAPSHOT_FILE + " (it lists " + new TreeSet<>(reader.listFiles()) + ")", null);
            }
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

    /** The regular files below {@code directory}, named relative to {@code root} with '/' between names, as jraft lists them. */
    private static List<String> regularFilesBelow(Path root, Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> StreamSupport.stream(root.relativize(file).spliterator(), false)
                            .map(Path::toString).collect(Collectors.joining("/")))
                    .sorted()
                    .toList();
        }
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

package io.graphraft.baseline;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.util.Directories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** The state machine called directly: no log, nothing survives a stop. The seed's "no Raft" line. */
final class InMemoryRuntime implements LocalRuntime {
    private final GraphStateMachine stateMachine;
    private final Path snapshotDirectory;
    private long index;

    InMemoryRuntime(ClusterSpec spec, Path directory) {
        this.stateMachine = GraphStateMachine.open(spec.store(), directory.resolve("store"), spec.codec().codec());
        this.snapshotDirectory = directory.resolve("snapshot");
    }

    @Override
    public GraphStateMachine stateMachine() {
        return stateMachine;
    }

    @Override
    public synchronized CompletableFuture<byte[]> submit(byte[] command) {
        return CompletableFuture.completedFuture(stateMachine.apply(++index, command));
    }

    /** Writes the state machine's snapshot, so its cost can be measured without any engine. */
    @Override
    public synchronized void takeSnapshot() {
        try {
            Directories.deleteRecursively(snapshotDirectory);
            stateMachine.writeSnapshotDirectory(snapshotDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot " + snapshotDirectory, e);
        }
    }

    @Override
    public long logSizeBytes() {
        return 0;
    }

    @Override
    public long snapshotSizeBytes() {
        return Directories.sizeOf(snapshotDirectory);
    }

    @Override
    public void close() {
        stateMachine.close();
    }
}

package io.graphraft.baseline;

import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.Role;
import io.graphraft.core.util.Directories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** The one node of a baseline cluster: always the leader while it runs. */
final class LocalNode implements NodeHandle {
    /** Where a runtime with a log keeps it, below the node's directory. */
    static final String LOG_DIRECTORY = "log";

    private final Path directory;
    private final Function<Path, LocalRuntime> opener;
    private volatile LocalRuntime runtime;

    LocalNode(Path directory, Function<Path, LocalRuntime> opener) {
        this.directory = directory;
        this.opener = opener;
        open();
    }

    /** The running runtime, or an {@link EngineUnavailableException} if the node is stopped. */
    LocalRuntime runtime() {
        LocalRuntime current = runtime;
        if (current == null) {
            throw new EngineUnavailableException("node " + id() + " is stopped");
        }
        return current;
    }

    @Override
    public String id() {
        return "n0";
    }

    @Override
    public Role role() {
        return runtime == null ? Role.STOPPED : Role.LEADER;
    }

    @Override
    public long term() {
        return runtime == null ? 0 : 1;
    }

    @Override
    public boolean isRunning() {
        return runtime != null;
    }

    @Override
    public long lastAppliedIndex() {
        return runtime().stateMachine().lastAppliedIndex();
    }

    @Override
    public Result localRead(Query query) {
        return runtime().stateMachine().query(query);
    }

    @Override
    public synchronized void stop() {
        LocalRuntime current = runtime;
        runtime = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public synchronized void restart() {
        if (runtime != null) {
            throw new IllegalStateException("node " + id() + " is running; stop it first");
        }
        open();
    }

    @Override
    public synchronized void wipe() {
        if (runtime != null) {
            throw new IllegalStateException("node " + id() + " is running; stop it before wiping it");
        }
        Directories.deleteRecursively(directory);
    }

    @Override
    public void isolate() {
        throw new UnsupportedOperationException("a single-node baseline has no peers to be cut off from");
    }

    @Override
    public void heal() {
        throw new UnsupportedOperationException("a single-node baseline has no peers to be cut off from");
    }

    @Override
    public void takeSnapshot() {
        runtime().takeSnapshot();
    }

    @Override
    public long logSizeBytes() {
        LocalRuntime current = runtime;
        return current == null ? Directories.sizeOf(directory.resolve(LOG_DIRECTORY)) : current.logSizeBytes();
    }

    @Override
    public long snapshotSizeBytes() {
        LocalRuntime current = runtime;
        return current == null ? 0 : current.snapshotSizeBytes();
    }

    private void open() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create node directory " + directory, e);
        }
        runtime = opener.apply(directory);
    }
}

package io.graphraft.baseline;

import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/** The one member of a baseline cluster: always the leader while it runs. */
final class LocalMember implements Member {
    /** Where a runtime with a log keeps it, below the member's directory. */
    static final String LOG_DIRECTORY = "log";

    private final Consumer<LocalMember> onClose;
    private volatile LocalRuntime runtime;

    LocalMember(Path directory, Function<Path, LocalRuntime> opener, Consumer<LocalMember> onClose) {
        this.onClose = onClose;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create node directory " + directory, e);
        }
        this.runtime = opener.apply(directory);
    }

    /** The running runtime, or an {@link EngineUnavailableException} once closed. */
    LocalRuntime runtime() {
        LocalRuntime current = runtime;
        if (current == null) {
            throw new EngineUnavailableException("node n0 is stopped");
        }
        return current;
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
    public long lastAppliedIndex() {
        return runtime().stateMachine().lastAppliedIndex();
    }

    @Override
    public Result localRead(Query query) {
        return runtime().stateMachine().query(query);
    }

    @Override
    public synchronized void close() {
        LocalRuntime current = runtime;
        runtime = null;
        if (current != null) {
            current.close();
            onClose.accept(this);
        }
    }

    @Override
    public void takeSnapshot() {
        runtime().takeSnapshot();
    }

    @Override
    public long logSizeBytes() {
        return runtime().logSizeBytes();
    }

    @Override
    public long snapshotSizeBytes() {
        return runtime().snapshotSizeBytes();
    }
}

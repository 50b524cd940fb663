package io.graphraft.baseline;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.statemachine.SnapshotException;
import io.graphraft.core.util.Directories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

/**
 * A local write-ahead log with group commit: one writer thread takes every write queued since its
 * last turn, appends them in one write, forces once, then applies them in order and answers. On
 * start it loads the newest snapshot directory and replays the log after it.
 */
final class DurableRuntime implements LocalRuntime {
    private static final Request STOP = new Request(null, null);
    private static final Logger LOG = LoggerFactory.getLogger(DurableRuntime.class);

    private final GraphStateMachine stateMachine;
    private final DurableLog log;
    /** Snapshot directories named by their index; the newest is current, older ones are deleted once it is written. */
    private final Path snapshots;
    private Path currentSnapshot;
    private final long snapshotThreshold;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    /** Why the writer stopped for good, or null while it runs. */
    private volatile String failure;
    private long lastIndex;
    private long snapshotIndex;
    /** The index at which the writer takes its next automatic snapshot (with a threshold). */
    private long snapshotDueAt;

    DurableRuntime(ClusterSpec spec, Path directory, LogKind logKind) {
        this.snapshots = directory.resolve("snapshots");
        this.snapshotThreshold = spec.snapshotThreshold().orElse(0L);
        this.stateMachine = GraphStateMachine.open(spec.store(), directory.resolve("store"), spec.codec().codec());
        DurableLog opened = null;
        try {
            currentSnapshot = newestSnapshot();
            if (currentSnapshot != null) {
                stateMachine.restoreSnapshotDirectory(currentSnapshot);
            }
            snapshotIndex = stateMachine.lastAppliedIndex();
            opened = logKind.open(directory.resolve(LocalMember.LOG_DIRECTORY), spec.durability() == Durability.FSYNC);
            replay(opened);
            lastIndex = stateMachine.lastAppliedIndex();
        } catch (SnapshotException e) {
            closeAfterFailedStart(opened);
            throw new IllegalStateException("node cannot start: " + e.getMessage()
                    + " (nothing was deleted; move the snapshot away to start from the log alone)", e);
        } catch (IOException e) {
            closeAfterFailedStart(opened);
            throw new UncheckedIOException("node cannot start: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            closeAfterFailedStart(opened);
            throw e;
        }
        this.log = opened;
        this.snapshotDueAt = snapshotIndex + snapshotThreshold;
        this.writer = new Thread(this::writeLoop, "baseline-durable-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Applies the log after the snapshot, which must continue exactly where the snapshot's state ends. */
    private void replay(DurableLog opened) throws IOException {
        long[] expected = {snapshotIndex + 1};
        opened.replay(snapshotIndex, (index, entry) -> {
            if (index != expected[0]) {
                String cover = currentSnapshot != null ? "the snapshot " + currentSnapshot + " ends at index " + snapshotIndex
                        : "there is no snapshot in " + snapshots;
                throw new LogCorruptException("the log continues at index " + index + " but " + cover + ": entries "
                        + expected[0] + " to " + (index - 1) + " are missing; nothing was changed");
            }
            stateMachine.apply(index, entry);
            expected[0]++;
        });
    }

    /** The snapshot directory with the highest index, or null; unfinished ones (".tmp") are not snapshots. */
    private Path newestSnapshot() throws IOException {
        if (!Files.isDirectory(snapshots)) {
            return null;
        }
        try (Stream<Path> listing = Files.list(snapshots)) {
            return listing.filter(p -> p.getFileName().toString().matches("\\d{1,19}"))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())))
                    .orElse(null);
        }
    }

    private void createSnapshotsDirectory() throws IOException {
        if (!Files.isDirectory(snapshots)) {
            Files.createDirectories(snapshots);
            Directories.force(snapshots.toAbsolutePath().getParent());
        }
    }

    private void closeAfterFailedStart(DurableLog opened) {
        if (opened != null) {
            opened.close();
        }
        stateMachine.close();
    }

    @Override
    public GraphStateMachine stateMachine() {
        return stateMachine;
    }

    @Override
    public CompletableFuture<byte[]> submit(byte[] command) {
        if (command.length > DurableLog.MAX_ENTRY_BYTES) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a command of " + command.length
                    + " bytes is over the durable log's limit of " + DurableLog.MAX_ENTRY_BYTES + " bytes per entry; nothing was written"));
        }
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        enqueue(new Request(command, answer));
        return answer;
    }

    @Override
    public void takeSnapshot() {
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        enqueue(new Request(null, done));
        done.join();
    }

    @Override
    public long logSizeBytes() {
        return log.sizeBytes();
    }

    @Override
    public long snapshotSizeBytes() {
        return Directories.sizeOf(currentSnapshot);
    }

    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued("node stopped before the request was logged");
        log.close();
        stateMachine.close();
    }

    private void enqueue(Request request) {
        queue.add(request);
        if (closed || failure != null) {
            // close() or a failed writer may already have drained the queue: nothing would answer.
            failQueued(failure != null ? failure : "node is stopped");
        }
    }

    /** Fails every queued request; the writer's STOP stays queued so close() can still end it. */
    private void failQueued(String why) {
        boolean stopTaken = false;
        for (Request left = queue.poll(); left != null; left = queue.poll()) {
            if (left == STOP) {
                stopTaken = true;
            } else {
                left.fail(why);
            }
        }
        if (stopTaken) {
            queue.add(STOP);
        }
    }

    private void writeLoop() {
        List<Request> taken = new ArrayList<>();
        List<Request> group = new ArrayList<>();
        try {
            while (true) {
                taken.clear();
                taken.add(queue.take());
                queue.drainTo(taken);
                for (int i = 0; i < taken.size(); i++) {
                    Request request = taken.get(i);
                    if (request == STOP) {
                        commit(group);
                        taken.subList(i + 1, taken.size()).forEach(r -> r.fail("node stopped before the request was logged"));
                        return;
                    }
                    if (request.command == null) {
                        commit(group);
                        snapshot(request);
                    } else {
                        group.add(request);
                    }
                }
                commit(group);
                if (snapshotThreshold > 0 && lastIndex >= snapshotDueAt) {
                    snapshot(null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // Fail-stop: after a failed append or apply, the log or the state may be ahead of what was
            // answered; writing on could reuse indexes. Everything pending fails until a restart,
            // which replays only intact records.
            failure = "node failed and must be restarted: " + e;
            taken.forEach(r -> r.fail(failure));
            group.forEach(r -> r.fail(failure));
            failQueued(failure);
        }
    }

    /** Logs the group with one write and one force, then applies and answers each write in order. */
    private void commit(List<Request> group) throws IOException {
        if (group.isEmpty()) {
            return;
        }
        List<byte[]> entries = new ArrayList<>(group.size());
        for (Request request : group) {
            entries.add(request.command);
        }
        log.append(lastIndex + 1, entries);
        for (Request request : group) {
            request.answer.complete(stateMachine.apply(++lastIndex, request.command));
        }
        group.clear();
    }

    /** Takes a snapshot: on {@code request}, or automatically ({@code request} null) once the threshold is reached. */
    private void snapshot(Request request) {
        try {
            if (currentSnapshot == null || snapshotIndex < lastIndex) {
                Path written = snapshots.resolve(Long.toString(lastIndex));
                createSnapshotsDirectory();
                stateMachine.writeSnapshotDirectory(written);
                log.truncatePrefix(lastIndex);
                Path previous = currentSnapshot;
                currentSnapshot = written;
                snapshotIndex = lastIndex;
                if (previous != null) {
                    Directories.deleteRecursively(previous);
                }
            }
            snapshotDueAt = lastIndex + snapshotThreshold;
            if (request != null) {
                request.answer.complete(new byte[0]);
            }
        } catch (IOException e) {
            if (request != null) {
                request.answer.completeExceptionally(new UncheckedIOException("snapshot failed", e));
            } else {
                // The log still holds everything: nothing is lost, but it keeps growing. Try again a threshold later.
                snapshotDueAt = lastIndex + snapshotThreshold;
                LOG.warn("automatic snapshot into {} failed at index {}; the log is kept, next try at index {}: {}",
                        snapshots, lastIndex, snapshotDueAt, e.toString());
            }
        }
    }

    private record Request(byte[] command, CompletableFuture<byte[]> answer) {
        void fail(String why) {
            if (answer != null) {
                answer.completeExceptionally(new EngineUnavailableException(why));
            }
        }
    }
}

package io.graphraft.copycat;

import io.atomix.catalyst.buffer.PooledHeapAllocator;
import io.atomix.catalyst.serializer.Serializer;
import io.atomix.catalyst.transport.Address;
import io.atomix.copycat.server.CopycatServer;
import io.atomix.copycat.server.state.ServerContext;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.Role;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.util.Directories;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Copycat server. Its directory holds Copycat's log, snapshots and metadata ({@code copycat/})
 * and the graph store ({@code graph/}, rebuilt from the log on every start). It bootstraps with the
 * full member list: a first start forms the cluster, a restart resumes the membership stored in its
 * directory, and an empty (wiped) directory rejoins the same membership through the leader.
 */
final class CopycatMember implements Member {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);
    /** Writing a large graph's snapshot takes as long as it takes; this only bounds a wait on a server that died. */
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(CopycatMember.class);
    private static final long NOT_LEADING = -1;

    private final String id;
    private final Address address;
    private final Path directory;
    private final ClusterSpec spec;
    private final CopycatFiles files;
    private final AtomicInteger incarnations = new AtomicInteger();
    private volatile CopycatServer server;
    private volatile LoopbackNettyTransport transport;
    /** The term this server was elected leader in (set on Copycat's thread when it becomes leader), else {@link #NOT_LEADING}. */
    private volatile long leaderTerm = NOT_LEADING;
    private volatile GraphCopycatStateMachine stateMachine;

    private CopycatMember(MemberConfig config, ClusterSpec spec) {
        this.id = config.id();
        this.address = CopycatAddresses.of(config.listen());
        this.directory = spec.nodeDirectory(config.index());
        this.spec = spec;
        this.files = new CopycatFiles(directory.resolve("copycat").toFile(), id);
    }

    /** Starts the server and returns once it listens; the leader may be elected later. */
    static CopycatMember start(ClusterSpec spec, MemberConfig config, CopycatSettings settings) {
        CopycatMember member = new CopycatMember(config, spec);
        member.start(config, settings);
        return member;
    }

    private void start(MemberConfig config, CopycatSettings settings) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create node directory " + directory, e);
        }
        Directories.deleteRecursively(graphDirectory());
        List<Address> members = config.layout().members().stream().map(CopycatAddresses::of).toList();
        Map<Address, Address> routes = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            routes.put(members.get(i), CopycatAddresses.of(config.route(i)));
        }
        LoopbackNettyTransport netty = new LoopbackNettyTransport(Runtime.getRuntime().availableProcessors(), spec, id);
        CopycatServer.Builder builder = CopycatServer.builder(address)
                .withName(id)
                .withTransport(new RoutedTransport(netty, routes))
                .withSerializer(GraphOperations.registerOn(new Serializer(new PooledHeapAllocator())))
                .withStorage(settings.storage(files.directory()))
                .withStateMachine(this::newStateMachine);
        CopycatServer started = settings.applyTimeouts(builder).build();
        started.onStateChange(state -> leaderTerm = state == CopycatServer.State.LEADER ? started.cluster().term() : NOT_LEADING);
        // Completes only once a leader is known, which a restarting minority never sees: wait for the listener.
        CompletableFuture<CopycatServer> joined = started.bootstrap(members);
        try {
            Awaitility.await("node " + id + " listening on " + address)
                    .atMost(START_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .until(() -> started.isRunning() || joined.isCompletedExceptionally());
        } catch (ConditionTimeoutException e) {
            abandon(started, netty);
            throw new EngineUnavailableException("copycat node " + id + " did not start listening on " + address
                    + " within " + START_TIMEOUT.toSeconds() + " s", e);
        }
        if (joined.isCompletedExceptionally()) {
            String reason = joined.handle((r, e) -> String.valueOf(e)).join();
            abandon(started, netty);
            throw new EngineUnavailableException("copycat node " + id + " failed to start on " + address + ": " + reason);
        }
        transport = netty;
        server = started;
    }

    /** shutdown() refuses a server that never listened, so close by hand what build() started. */
    private void abandon(CopycatServer unstarted, LoopbackNettyTransport netty) {
        CopycatInternals.context(unstarted).close();
        netty.close();
        GraphCopycatStateMachine graph = stateMachine;
        stateMachine = null;
        if (graph != null) {
            graph.graph().close();
        }
    }

    /** Copycat asks for a fresh state machine whenever it rebuilds state from its log: on every start and on a log reset. */
    private GraphCopycatStateMachine newStateMachine() {
        Path store = graphDirectory().resolve("incarnation-" + incarnations.incrementAndGet());
        GraphCopycatStateMachine fresh = new GraphCopycatStateMachine(
                GraphStateMachine.open(spec.store(), store, spec.codec().codec()), this::failStop, this::leading);
        GraphCopycatStateMachine replaced = stateMachine;
        stateMachine = fresh;
        if (replaced != null) {
            // A log reset inside a running server: the old one may still have work queued on the state machine thread.
            replaced.stateMachineThread().execute(replaced.graph()::close);
        }
        return fresh;
    }

    private boolean leading() {
        CopycatServer current = server;
        return current != null && current.state() == CopycatServer.State.LEADER;
    }

    /** Stops the server whose state machine failed, from another thread (stopping waits for Copycat's threads), unless it was replaced meanwhile. */
    private void failStop(GraphCopycatStateMachine failed) {
        Thread stopper = new Thread(() -> stop(failed), "copycat-" + id + "-fail-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    private Path graphDirectory() {
        return directory.resolve("graph");
    }

    /** The server while running (tests reach Copycat's internals through it). */
    CopycatServer running() {
        CopycatServer current = server;
        if (current == null) {
            throw new EngineUnavailableException("copycat node " + id + " is stopped");
        }
        return current;
    }

    private GraphCopycatStateMachine runningStateMachine() {
        running();
        GraphCopycatStateMachine current = stateMachine;
        if (current == null) {
            throw new EngineUnavailableException("copycat node " + id + " is stopped");
        }
        return current;
    }

    GraphStateMachine graph() {
        return runningStateMachine().graph();
    }

    @Override
    public Role role() {
        CopycatServer current = server;
        if (current == null) {
            return Role.STOPPED;
        }
        return switch (current.state()) {
            // Copycat moves to a newer term first and leaves LEADER afterwards, on its own thread: a leader whose
            // term moved past the one it was elected in is stepping down, not leading that newer term.
            case LEADER -> current.cluster().term() == leaderTerm ? Role.LEADER : Role.FOLLOWER;
            case CANDIDATE -> Role.CANDIDATE;
            // INACTIVE (joining), RESERVE and PASSIVE members follow the leader's log.
            default -> Role.FOLLOWER;
        };
    }

    @Override
    public long term() {
        CopycatServer current = server;
        return current == null ? 0 : current.cluster().term();
    }

    @Override
    public long lastAppliedIndex() {
        return graph().lastAppliedIndex();
    }

    @Override
    public Result localRead(Query query) {
        return graph().query(query);
    }

    /**
     * Shuts the server down without leaving the cluster (membership is unchanged, as after a
     * crash; no leadership hand-off): listeners and connections close, the log is flushed and
     * closed, the graph store is dropped (the next start rebuilds it from snapshot and log).
     */
    @Override
    public void close() {
        stop(null);
    }

    /** Stops the server; with {@code onlyIf}, only while that is its state machine. */
    private void stop(GraphCopycatStateMachine onlyIf) {
        CopycatServer stopping;
        LoopbackNettyTransport netty;
        GraphCopycatStateMachine graph;
        synchronized (this) {
            if (onlyIf != null && stateMachine != onlyIf) {
                return;
            }
            stopping = server;
            netty = transport;
            graph = stateMachine;
            server = null;
            transport = null;
            stateMachine = null;
        }
        if (stopping == null) {
            return;
        }
        try {
            stopping.shutdown().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forceClose(stopping, netty);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("copycat node {} did not shut down within {} s ({}); closing its transport and storage directly",
                    id, STOP_TIMEOUT.toSeconds(), e.toString());
            forceClose(stopping, netty);
        } finally {
            // shutdown() closes the listener without waiting for it: a restart on the same port found it still bound
            netty.close();
            if (graph != null) {
                graph.graph().close();
            }
        }
    }

    /** What shutdown() does after closing the listener, for a shutdown that never completed: no thread may outlive a stop. */
    private static void forceClose(CopycatServer stopping, LoopbackNettyTransport netty) {
        ServerContext context = CopycatInternals.context(stopping);
        try {
            context.getThreadContext().execute(() -> context.transition(CopycatServer.State.INACTIVE))
                    .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // closing the transport and the context below stops it regardless
        }
        netty.close();
        context.close();
    }

    @Override
    public void takeSnapshot() {
        CompletableFuture<Void> snapshot = CopycatSnapshots.takeNow(running(), runningStateMachine());
        try {
            snapshot.get(SNAPSHOT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while copycat node " + id + " took a snapshot", e);
        } catch (ExecutionException e) {
            throw new EngineUnavailableException("copycat node " + id + " failed to take a snapshot: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            snapshot.cancel(false);
            throw new EngineUnavailableException("copycat node " + id + " took no snapshot within "
                    + SNAPSHOT_TIMEOUT.toMinutes() + " min", e);
        }
    }

    /**
     * While running, the bytes of the entries in Copycat's log segments (Copycat's own Log.size()),
     * which shrinks when compaction cleans segments behind a snapshot. Copycat preallocates every
     * segment file sparsely (1 MiB by default), so a stopped node can only report the files' lengths.
     */
    @Override
    public long logSizeBytes() {
        CopycatServer current = server;
        if (current != null) {
            ServerContext context = CopycatInternals.context(current);
            try {
                return context.getThreadContext().execute(() -> context.getLog().size())
                        .get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // stopped meanwhile
            }
        }
        return files.logBytes();
    }

    @Override
    public long snapshotSizeBytes() {
        CopycatServer current = server;
        if (current == null) {
            return files.newestSnapshotBytes();
        }
        ServerContext context = CopycatInternals.context(current);
        try {
            long index = context.getThreadContext().execute(() -> CopycatSnapshots.currentIndex(context))
                    .get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return index == 0 ? 0 : files.snapshotBytes(index);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return files.newestSnapshotBytes();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return files.newestSnapshotBytes(); // stopped meanwhile
        }
    }

    @Override
    public String toString() {
        return id + "@" + address;
    }
}

package io.graphraft.jraft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.NodeManager;
import com.alipay.sofa.jraft.RaftServiceFactory;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import com.alipay.sofa.jraft.storage.snapshot.Snapshot;
import com.alipay.sofa.jraft.util.Endpoint;
import com.alipay.sofa.jraft.util.RpcFactoryHelper;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.Role;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.util.Directories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One member of a jraft group, self-contained: it knows its index, the addresses of all members
 * (its own at its index) and the spec, so it can run in any JVM. It is a jraft {@link Node} with its
 * own bolt RPC server on {@code 127.0.0.1:<port>} (raft and CLI processors plus the graph
 * requests, see {@link GraphRequestProcessor}) and its own directory:
 * {@code raft/log} (RocksDB), {@code raft/meta}, {@code raft/snapshot}, {@code store} (the graph,
 * rebuilt from the newest snapshot and the log on every start).
 *
 * <p>{@link #stop()} is crash-like. jraft's {@code Node.shutdown()} hands leadership over on purpose
 * (a leader sends TimeoutNow to its most up-to-date follower, which starts an election at once), so
 * the member is first {@linkplain PeerLinks#silence() silenced}: from then on its RPC client refuses
 * every call, TimeoutNow included. Then its RPC server closes (listener and connections, as when a
 * process dies), and only then does the node shut down. jraft takes no snapshot on shutdown; it does
 * write out the log entries already queued, as a killed process would not. Peers see the member
 * vanish and elect after their election timeout.
 */
final class JraftNode implements NodeHandle {
    /** A snapshot of a large graph can take long; the caller asked to wait until it is on disk. */
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(10);
    private static final long SNAPSHOT_RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final String id;
    private final String groupId;
    private final Endpoint self;
    private final List<Endpoint> members;
    private final Path directory;
    private final ClusterSpec spec;
    private final JraftSettings settings;
    private final NetworkPartition partition;
    private volatile Running running;
    /** Why the member stopped itself, or null. */
    private volatile String failure;

    /** One start of this member. */
    private record Running(Node node, RpcServer server, GraphJraftStateMachine stateMachine, MemberNodeOptions options,
                           ObservedStorageFactory storage) {
        GraphStateMachine graph() {
            return stateMachine.graph();
        }
    }

    /**
     * @param groupId the jraft group every member of this cluster names
     * @param members every member's address, this one's at {@code index}
     * @param partition the in-process cut table this member's peer traffic obeys
     */
    JraftNode(String groupId, int index, List<Endpoint> members, ClusterSpec spec, NetworkPartition partition) {
        this.id = "n" + index;
        this.groupId = groupId;
        this.self = members.get(index);
        this.members = List.copyOf(members);
        this.directory = spec.nodeDirectory(index);
        this.spec = spec;
        this.settings = new JraftSettings(spec);
        this.partition = partition;
    }

    Endpoint address() {
        return self;
    }

    /**
     * Starts the member and returns once it listens. An empty directory starts it as a new member of
     * the configured group (it catches up from the leader); otherwise jraft loads the newest
     * snapshot and replays the log after it.
     *
     * @throws EngineUnavailableException naming the member and why it cannot start (e.g. a snapshot
     *     that cannot be restored; nothing is deleted)
     */
    synchronized void start() {
        if (running != null) {
            throw new IllegalStateException("node " + id + " is running; stop it first");
        }
        requirePartitionableTransport();
        GraphRpcSerializer.register();
        Path raft = directory.resolve("raft");
        try {
            // jraft's RocksDB log storage does not create missing parents.
            Files.createDirectories(raft.resolve("log"));
            Files.createDirectories(raft.resolve("meta"));
            Files.createDirectories(raft.resolve("snapshot"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create node directory " + raft, e);
        }
        failure = null;
        GraphStateMachine graph = GraphStateMachine.open(spec.store(), directory.resolve("store"), spec.codec().codec());
        GraphJraftStateMachine stateMachine = new GraphJraftStateMachine(id, graph, this::failStop);

        PeerLinks links = new PeerLinks(self, partition);
        MemberNodeOptions options = new MemberNodeOptions(links);
        settings.applyTo(options);
        ObservedStorageFactory storage = new ObservedStorageFactory();
        options.setServiceFactory(storage);
        options.setFsm(stateMachine);
        options.setLogUri(raft.resolve("log").toString());
        options.setRaftMetaUri(raft.resolve("meta").toString());
        options.setSnapshotUri(snapshotDirectory().toString());
        options.setInitialConf(new Configuration(members.stream().map(m -> new PeerId(m, 0)).toList()));

        NodeManager.getInstance().addAddress(self);
        Node node = RaftServiceFactory.createRaftNode(groupId, new PeerId(self, 0));
        RpcServer server = null;
        try {
            if (!node.init(options)) {
                String why = stateMachine.loadFailure() != null
                        ? "its newest snapshot cannot be loaded: " + stateMachine.loadFailure()
                        + " (nothing was deleted)"
                        : "jraft could not initialize it (see jraft's log)";
                throw new EngineUnavailableException("node " + id + " (" + self + ") cannot start: " + why);
            }
            server = new BoltRpcServer(new com.alipay.remoting.rpc.RpcServer(JraftSettings.HOST, self.getPort(), true));
            RaftRpcServerFactory.addRaftRequestProcessors(server);
            server.registerProcessor(new GraphRequestProcessor(node, graph, settings.requestsInFlightPerMember()));
            server.init(null);
            running = new Running(node, server, stateMachine, options, storage);
        } catch (RuntimeException e) {
            crash(new Running(node, server, stateMachine, options, storage));
            throw e instanceof EngineUnavailableException unavailable ? unavailable
                    : new EngineUnavailableException("node " + id + " (" + self + ") cannot start: " + e, e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Role role() {
        Running current = running;
        if (current == null) {
            return Role.STOPPED;
        }
        return switch (current.node().getNodeState()) {
            case STATE_LEADER, STATE_TRANSFERRING -> Role.LEADER;
            case STATE_CANDIDATE -> Role.CANDIDATE;
            case STATE_FOLLOWER -> Role.FOLLOWER;
            default -> Role.STOPPED;
        };
    }

    /** The term jraft last persisted for this member (it persists every change before acting on it). */
    @Override
    public long term() {
        Running current = running;
        return current == null ? 0 : current.storage().term();
    }

    @Override
    public boolean isRunning() {
        Running current = running;
        return current != null && current.node().getNodeState().isActive();
    }

    /** The log index of the last command the graph applied (jraft's own applied index also counts configuration entries). */
    @Override
    public long lastAppliedIndex() {
        return requireRunning().graph().lastAppliedIndex();
    }

    @Override
    public Result localRead(Query query) {
        return requireRunning().graph().query(query);
    }

    @Override
    public synchronized void stop() {
        Running current = running;
        running = null;
        if (current != null) {
            crash(current);
        }
    }

    @Override
    public void restart() {
        start();
    }

    @Override
    public synchronized void wipe() {
        if (running != null) {
            throw new IllegalStateException("node " + id + " is running; stop it before wiping it");
        }
        Directories.deleteRecursively(directory);
    }

    @Override
    public void isolate() {
        partition.isolate(self);
    }

    @Override
    public void heal() {
        partition.heal(self);
    }

    /**
     * Asks jraft for a snapshot now and waits until it is on disk (jraft then truncates the log up
     * to its previous snapshot). The spec's snapshot threshold does not apply to it; one already
     * being taken is waited for, and when nothing was applied since the last snapshot there is
     * nothing to do.
     */
    @Override
    public void takeSnapshot() {
        Running current = requireRunning();
        long deadline = System.nanoTime() + SNAPSHOT_TIMEOUT.toNanos();
        current.options().beginSnapshotOnDemand();
        try {
            while (true) {
                Status status = snapshotOnce(current.node(), deadline);
                if (status.isOk()) {
                    return;
                }
                if (status.getRaftError() != RaftError.EBUSY || System.nanoTime() > deadline) {
                    throw new EngineUnavailableException("node " + id + " could not take a snapshot: " + status);
                }
                LockSupport.parkNanos(SNAPSHOT_RETRY_PAUSE_NANOS); // another snapshot or an install is running
            }
        } finally {
            current.options().endSnapshotOnDemand();
        }
    }

    /** Bytes of the RocksDB log directory. */
    @Override
    public long logSizeBytes() {
        return Directories.sizeOf(directory.resolve("raft").resolve("log"));
    }

    /** Bytes of the newest snapshot directory (the graph file and jraft's meta). */
    @Override
    public long snapshotSizeBytes() {
        return newestSnapshot().map(Directories::sizeOf).orElse(0L);
    }

    /** The first index in this member's log: above 1 once it was truncated behind a snapshot or the member started from an installed one. */
    long firstLogIndex() {
        return requireRunning().storage().firstLogIndex();
    }

    /** The graph of this start of the member (tests make its store fail through it). */
    GraphStateMachine graph() {
        return requireRunning().graph();
    }

    /** Why the member stopped itself (a state machine failure, a snapshot that could not be installed), or empty. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops the member if it runs and lifts its isolation: the cluster is closing. */
    void close() {
        heal();
        stop();
    }

    private Status snapshotOnce(Node node, long deadline) {
        CompletableFuture<Status> done = new CompletableFuture<>();
        node.snapshot(done::complete);
        try {
            return done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while node " + id + " took a snapshot", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EngineUnavailableException("node " + id + " took no snapshot within "
                    + SNAPSHOT_TIMEOUT.toMinutes() + " min", e);
        }
    }

    /**
     * Called on jraft's FSM thread when the node can no longer apply. Stops this start of the member
     * from another thread (shutting the node down waits for the FSM thread).
     */
    private void failStop(GraphJraftStateMachine origin, String reason) {
        failure = reason;
        Thread stopper = new Thread(() -> {
            synchronized (this) {
                Running current = running;
                if (current != null && current.stateMachine() == origin) {
                    running = null;
                    crash(current);
                }
            }
        }, "jraft-fail-stop-" + id);
        stopper.setDaemon(true);
        stopper.start();
    }

    /** Silences the member, closes its server, shuts its node down and waits for it; closes its graph. */
    private void crash(Running current) {
        current.options().links().silence();
        if (current.server() != null) {
            current.server().shutdown();
        }
        current.node().shutdown();
        try {
            current.node().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current.graph().close();
        NodeManager.getInstance().removeAddress(self);
    }

    private Optional<Path> newestSnapshot() {
        Path snapshots = snapshotDirectory();
        if (!Files.isDirectory(snapshots)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(snapshots)) {
            return entries.filter(p -> snapshotIndex(p) >= 0).max(Comparator.comparingLong(JraftNode::snapshotIndex));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static long snapshotIndex(Path path) {
        String name = path.getFileName().toString();
        if (!name.startsWith(Snapshot.JRAFT_SNAPSHOT_PREFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(Snapshot.JRAFT_SNAPSHOT_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Path snapshotDirectory() {
        return directory.resolve("raft").resolve("snapshot");
    }

    private Running requireRunning() {
        Running current = running;
        if (current == null || !current.node().getNodeState().isActive()) {
            String why = failure != null ? " (it stopped itself: " + failure + ")" : "";
            throw new EngineUnavailableException("node " + id + " is stopped" + why);
        }
        return current;
    }

    private static void requirePartitionableTransport() {
        if (!(RpcFactoryHelper.rpcFactory() instanceof PartitionableRpcFactory)) {
            throw new IllegalStateException("jraft loaded the RPC factory " + RpcFactoryHelper.rpcFactory().getClass().getName()
                    + " instead of " + PartitionableRpcFactory.class.getName() + ": the service file "
                    + "META-INF/services/com.alipay.sofa.jraft.rpc.RaftRpcFactory of graphraft-impl-jraft is missing "
                    + "from the classpath (a shaded jar must merge service files), and isolation and crash-like stops "
                    + "would not work");
        }
    }

    @Override
    public String toString() {
        return id + "@" + self;
    }
}

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
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.Role;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.util.Directories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One start of one member of a jraft group: a jraft {@link Node} with its own bolt RPC server at the
 * member's layout address (raft and CLI processors plus the graph requests, see
 * {@link GraphRequestProcessor}) and its own directory: {@code raft/log} (RocksDB), {@code raft/meta},
 * {@code raft/snapshot}, {@code store} (the graph, rebuilt from the newest snapshot and the log on
 * every start). Its peer traffic goes to its member's routes ({@link RoutedRpcClient}).
 *
 * <p>{@link #close()} is crash-like. jraft's {@code Node.shutdown()} hands leadership over on purpose
 * (a leader sends TimeoutNow to its most up-to-date follower, which starts an election at once), so
 * the member is first {@linkplain PeerLinks#silence() silenced}: from then on its RPC client refuses
 * every call, TimeoutNow included. Then its RPC server closes (listener and connections, as when a
 * process dies), and only then does the node shut down. jraft takes no snapshot on shutdown; it does
 * write out the log entries already queued, as a killed process would not. Peers see the member
 * vanish and elect after their election timeout. A member that can no longer apply stops itself the
 * same way (fail-stop).
 */
final class JraftMember implements Member {
    /** A snapshot of a large graph can take long; the caller asked to wait until it is on disk. */
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(10);
    private static final long SNAPSHOT_RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final String id;
    private final Endpoint self;
    private final Path directory;
    /** This start, until the member is closed or stops itself. */
    private volatile Running running;
    /** Why the member stopped itself, or null. */
    private volatile String failure;

    private record Running(Node node, RpcServer server, GraphJraftStateMachine stateMachine, MemberNodeOptions options,
                           ObservedStorageFactory storage) {
        GraphStateMachine graph() {
            return stateMachine.graph();
        }
    }

    private JraftMember(ClusterSpec spec, MemberConfig config) {
        this.id = config.id();
        this.self = JraftLayout.endpoint(config.listen());
        this.directory = spec.nodeDirectory(config.index());
    }

    /**
     * Starts the member and returns once it listens. An empty directory starts it as a new member of
     * the layout's group (it catches up from the leader); otherwise jraft loads the newest snapshot
     * and replays the log after it.
     *
     * @throws EngineUnavailableException naming the member and why it cannot start (e.g. a snapshot
     *     that cannot be restored; nothing is deleted)
     */
    static JraftMember start(ClusterSpec spec, MemberConfig config, JraftSettings settings) {
        requireRoutedTransport();
        JraftMember member = new JraftMember(spec, config);
        member.run(spec, config, settings);
        return member;
    }

    private synchronized void run(ClusterSpec spec, MemberConfig config, JraftSettings settings) {
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
        GraphStateMachine graph = GraphStateMachine.open(spec.store(), directory.resolve("store"), spec.codec().codec());
        GraphJraftStateMachine stateMachine = new GraphJraftStateMachine(id, graph, this::failStop);

        Optional<BoltTls> tls = BoltTls.of(spec, id);
        MemberNodeOptions options = new MemberNodeOptions(new PeerLinks(config), tls);
        settings.applyTo(options);
        ObservedStorageFactory storage = new ObservedStorageFactory();
        options.setServiceFactory(storage);
        options.setFsm(stateMachine);
        options.setLogUri(raft.resolve("log").toString());
        options.setRaftMetaUri(raft.resolve("meta").toString());
        options.setSnapshotUri(snapshotDirectory().toString());
        options.setInitialConf(JraftLayout.configuration(config.layout()));

        NodeManager.getInstance().addAddress(self);
        Node node = RaftServiceFactory.createRaftNode(JraftLayout.groupId(config.layout()), new PeerId(self, 0));
        RpcServer server = null;
        try {
            if (!node.init(options)) {
                String why = stateMachine.loadFailure() != null
                        ? "its newest snapshot cannot be loaded: " + stateMachine.loadFailure()
                        + " (nothing was deleted)"
                        : "jraft could not initialize it (see jraft's log)";
                throw new EngineUnavailableException("node " + id + " (" + self + ") cannot start: " + why);
            }
            com.alipay.remoting.rpc.RpcServer bolt = new com.alipay.remoting.rpc.RpcServer(self.getIp(), self.getPort(), true);
            tls.ifPresent(t -> t.applyTo(bolt));
            RpcServer starting = new BoltRpcServer(bolt);
            RaftRpcServerFactory.addRaftRequestProcessors(starting);
            starting.registerProcessor(new GraphRequestProcessor(node, graph, settings.requestsInFlightPerMember()));
            // A Bolt server that fails to start (its port taken) has shut itself down: shutting it down again throws.
            starting.init(null);
            server = starting;
            running = new Running(node, server, stateMachine, options, storage);
        } catch (RuntimeException e) {
            crash(new Running(node, server, stateMachine, options, storage));
            throw e instanceof EngineUnavailableException unavailable ? unavailable
                    : new EngineUnavailableException("node " + id + " (" + self + ") cannot start: " + e, e);
        }
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

    /** The log index of the last command the graph applied (jraft's own applied index also counts configuration entries). */
    @Override
    public long lastAppliedIndex() {
        return requireRunning().graph().lastAppliedIndex();
    }

    @Override
    public Result localRead(Query query) {
        return requireRunning().graph().query(query);
    }

    /** Crash-like (see the class comment); waits for a fail-stop under way to finish. */
    @Override
    public synchronized void close() {
        Running current = running;
        running = null;
        if (current != null) {
            crash(current);
        }
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
     * Called on jraft's FSM thread when the node can no longer apply. Stops the member
     * from another thread (shutting the node down waits for the FSM thread).
     */
    private void failStop(String reason) {
        failure = reason;
        Thread stopper = new Thread(this::close, "jraft-fail-stop-" + id);
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
            return entries.filter(p -> snapshotIndex(p) >= 0).max(Comparator.comparingLong(JraftMember::snapshotIndex));
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

    private static void requireRoutedTransport() {
        if (!(RpcFactoryHelper.rpcFactory() instanceof RoutedRpcFactory)) {
            throw new IllegalStateException("jraft loaded the RPC factory " + RpcFactoryHelper.rpcFactory().getClass().getName()
                    + " instead of " + RoutedRpcFactory.class.getName() + ": the service file "
                    + "META-INF/services/com.alipay.sofa.jraft.rpc.RaftRpcFactory of graphraft-impl-jraft is missing "
                    + "from the classpath (a shaded jar must merge service files), and peer traffic would bypass its "
                    + "routes (the link layer) and crash-like stops would hand leadership over");
        }
    }

    @Override
    public String toString() {
        return id + "@" + self;
    }
}

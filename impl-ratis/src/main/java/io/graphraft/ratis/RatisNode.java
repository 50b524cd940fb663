package io.graphraft.ratis;

import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.Role;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.util.Directories;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * One Ratis peer: a {@link RaftServer} with its own storage directory and graph store below
 * {@code <dataDirectory>/node-<i>}. Every start builds a new server and an empty graph, which
 * Ratis fills from the newest snapshot and the log ({@code StartupOption.RECOVER}; with an empty
 * directory Ratis formats it and the peer rejoins the group as an empty follower). {@link #stop()}
 * is {@code RaftServer.close()}: no leadership hand-over and no snapshot, though Ratis still writes
 * out the log entries already queued, as a killed process would not.
 */
final class RatisNode implements NodeHandle {
    /** A snapshot of a large graph can take long; the caller asked to wait until it is on disk. */
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(10);
    private static final AtomicLong CALL_IDS = new AtomicLong();

    private final String id;
    private final RaftPeer peer;
    private final RaftGroup group;
    private final int port;
    private final Path directory;
    private final ClusterSpec spec;
    private final RatisConfig config;
    private volatile Running running;

    /** A started server, its division of our group and its state machine. */
    private record Running(RaftServer server, RaftServer.Division division, GraphRatisStateMachine stateMachine) {
    }

    RatisNode(String id, RaftPeer peer, int port, RaftGroup group, Path directory, ClusterSpec spec, RatisConfig config) {
        this.id = id;
        this.peer = peer;
        this.port = port;
        this.group = group;
        this.directory = directory;
        this.spec = spec;
        this.config = config;
    }

    RaftPeer peer() {
        return peer;
    }

    synchronized void start() {
        if (running != null) {
            throw new IllegalStateException("node " + id + " is running");
        }
        Path storage = ratisDirectory();
        try {
            Files.createDirectories(storage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create node directory " + storage, e);
        }
        GraphRatisStateMachine stateMachine = new GraphRatisStateMachine(
                GraphStateMachine.open(spec.store(), directory.resolve("store"), spec.codec().codec()));
        RaftServer server = null;
        try {
            server = RaftServer.newBuilder()
                    .setServerId(peer.getId())
                    .setGroup(group)
                    .setStateMachine(stateMachine)
                    .setProperties(config.serverProperties(storage, port))
                    .setOption(RaftStorage.StartupOption.RECOVER)
                    .build();
            server.start();
            running = new Running(server, server.getDivision(group.getGroupId()), stateMachine);
        } catch (IOException | RuntimeException e) {
            // A server whose start failed still holds non-daemon threads until it is closed.
            closeQuietly(server);
            stateMachine.close();
            throw new EngineUnavailableException("node " + id + " (" + peer.getAddress() + ") cannot start: " + e, e);
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
        DivisionInfo info = current.division().getInfo();
        if (!info.isAlive()) {
            return Role.STOPPED;
        }
        return switch (info.getCurrentRole()) {
            case LEADER -> Role.LEADER;
            case CANDIDATE -> Role.CANDIDATE;
            default -> Role.FOLLOWER;
        };
    }

    @Override
    public long term() {
        Running current = running;
        return current == null ? 0 : current.division().getInfo().getCurrentTerm();
    }

    @Override
    public boolean isRunning() {
        Running current = running;
        return current != null && current.division().getInfo().isAlive();
    }

    /** The log index of the last command the graph applied (Ratis's own applied index also counts configuration and metadata entries). */
    @Override
    public long lastAppliedIndex() {
        return graph().lastAppliedIndex();
    }

    @Override
    public Result localRead(Query query) {
        return graph().query(query);
    }

    @Override
    public synchronized void stop() {
        Running current = running;
        running = null;
        if (current != null) {
            try {
                current.server().close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close node " + id, e);
            }
        }
    }

    @Override
    public synchronized void restart() {
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
        PeerIsolation.isolate(peer.getId());
    }

    @Override
    public void heal() {
        PeerIsolation.heal(peer.getId());
    }

    /** Asks the server for a snapshot (taken on its updater thread, which then purges the log) and waits for it. */
    @Override
    public void takeSnapshot() {
        Running current = requireRunning();
        SnapshotManagementRequest request = SnapshotManagementRequest.newCreate(ClientId.randomId(), peer.getId(),
                group.getGroupId(), CALL_IDS.incrementAndGet(), SNAPSHOT_TIMEOUT.toMillis(), 1);
        RaftClientReply reply;
        try {
            reply = current.server().snapshotManagement(request);
        } catch (IOException e) {
            throw new EngineUnavailableException("node " + id + " could not take a snapshot: " + e.getMessage(), e);
        }
        if (!reply.isSuccess()) {
            throw new EngineUnavailableException("node " + id + " could not take a snapshot: " + reply.getException(),
                    reply.getException());
        }
    }

    /** Bytes of the Raft log directory (segments, including the preallocated tail of the open one, and metadata). */
    @Override
    public long logSizeBytes() {
        return Directories.sizeOf(groupDirectory().resolve("current"));
    }

    @Override
    public long snapshotSizeBytes() {
        return newestSnapshot().map(file -> {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return 0L; // removed by snapshot retention while we looked
            }
        }).orElse(0L);
    }

    /** The first index still in this peer's log: above 0 once it was purged or the peer started from an installed snapshot. */
    long logStartIndex() {
        return requireRunning().division().getRaftLog().getStartIndex();
    }

    /** Stops the node if it runs and lifts its isolation: the cluster is closing. */
    void close() {
        heal();
        stop();
    }

    private Optional<Path> newestSnapshot() {
        Path stateMachineDirectory = groupDirectory().resolve("sm");
        if (!Files.isDirectory(stateMachineDirectory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(stateMachineDirectory)) {
            return files.filter(file -> snapshotIndex(file) >= 0).max(Comparator.comparingLong(RatisNode::snapshotIndex));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static long snapshotIndex(Path file) {
        Matcher matcher = SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(file.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(2)) : -1;
    }

    private Path ratisDirectory() {
        return directory.resolve("ratis");
    }

    private Path groupDirectory() {
        return ratisDirectory().resolve(group.getGroupId().getUuid().toString());
    }

    private GraphStateMachine graph() {
        return requireRunning().stateMachine().graph();
    }

    private Running requireRunning() {
        Running current = running;
        if (current == null) {
            throw new EngineUnavailableException("node " + id + " is stopped");
        }
        return current;
    }

    private static void closeQuietly(RaftServer server) {
        if (server != null) {
            try {
                server.close();
            } catch (IOException | RuntimeException ignored) {
                // the start failure is what the caller needs to see
            }
        }
    }

    @Override
    public String toString() {
        return id + "(" + peer.getId() + "@" + peer.getAddress() + ")";
    }
}

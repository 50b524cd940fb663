package io.graphraft.ratis;

import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.Role;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.util.Directories;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
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
 * One Ratis peer: a {@link RaftServer} with its own storage directory ({@code ratis/}) and graph
 * store ({@code store/}) below the member's directory. Every start builds a new server and an
 * empty graph, which Ratis fills from the newest snapshot and the log ({@code StartupOption.RECOVER};
 * with an empty directory Ratis formats it and the peer rejoins the group as an empty follower).
 * {@link #close()} is {@code RaftServer.close()}: no leadership hand-over and no snapshot, though
 * Ratis still writes out the log entries already queued, as a killed process would not.
 */
final class RatisMember implements Member {
    /** A snapshot of a large graph can take long; the caller asked to wait until it is on disk. */
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(10);
    private static final AtomicLong CALL_IDS = new AtomicLong();

    private final String id;
    private final RaftPeerId peerId;
    private final RaftGroup group;
    private final Path directory;
    private final RaftServer server;
    private final RaftServer.Division division;
    private final GraphRatisStateMachine stateMachine;

    private RatisMember(MemberConfig config, RaftGroup group, Path directory, RaftServer server,
                        GraphRatisStateMachine stateMachine) throws IOException {
        this.id = config.id();
        this.peerId = RatisLayout.peerId(config.index());
        this.group = group;
        this.directory = directory;
        this.server = server;
        this.division = server.getDivision(group.getGroupId());
        this.stateMachine = stateMachine;
    }

    /** Starts the member and returns once its server runs. */
    static RatisMember start(ClusterSpec spec, MemberConfig config, RatisConfig ratis) {
        Path directory = spec.nodeDirectory(config.index());
        Path storage = directory.resolve("ratis");
        try {
            Files.createDirectories(storage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create node directory " + storage, e);
        }
        RaftGroup group = RatisLayout.group(config.layout());
        GraphRatisStateMachine stateMachine = new GraphRatisStateMachine(
                GraphStateMachine.open(spec.store(), directory.resolve("store"), spec.codec().codec()));
        RaftServer server = null;
        try {
            server = RaftServer.newBuilder()
                    .setServerId(RatisLayout.peerId(config.index()))
                    .setGroup(group)
                    .setStateMachine(stateMachine)
                    .setProperties(ratis.serverProperties(storage, config.listen()))
                    .setParameters(ratis.serverParameters(config))
                    .setOption(RaftStorage.StartupOption.RECOVER)
                    .build();
            server.start();
            return new RatisMember(config, group, directory, server, stateMachine);
        } catch (IOException | RuntimeException e) {
            // A server whose start failed still holds non-daemon threads until it is closed.
            closeQuietly(server);
            stateMachine.close();
            throw new EngineUnavailableException("node " + config.id() + " (" + config.listen() + ") cannot start: " + e, e);
        }
    }

    @Override
    public Role role() {
        DivisionInfo info = division.getInfo();
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
        return division.getInfo().getCurrentTerm();
    }

    /** The log index of the last command the graph applied (Ratis's own applied index also counts configuration and metadata entries). */
    @Override
    public long lastAppliedIndex() {
        return stateMachine.graph().lastAppliedIndex();
    }

    @Override
    public Result localRead(Query query) {
        return stateMachine.graph().query(query);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close node " + id, e);
        }
    }

    /** Asks the server for a snapshot (taken on its updater thread, which then purges the log) and waits for it. */
    @Override
    public void takeSnapshot() {
        SnapshotManagementRequest request = SnapshotManagementRequest.newCreate(ClientId.randomId(), peerId,
                group.getGroupId(), CALL_IDS.incrementAndGet(), SNAPSHOT_TIMEOUT.toMillis(), 1);
        RaftClientReply reply;
        try {
            reply = server.snapshotManagement(request);
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

    /** The newest snapshot file and the files it keeps beside it (a removed one counts 0: retention may run while we look). */
    @Override
    public long snapshotSizeBytes() {
        return newestSnapshot().map(file -> Directories.sizeOf(file) + Directories.sizeOf(GraphSnapshotStorage.filesDirectory(file)))
                .orElse(0L);
    }

    /** The first index still in this peer's log: above 0 once it was purged or the peer started from an installed snapshot. */
    long logStartIndex() {
        return division.getRaftLog().getStartIndex();
    }

    private Optional<Path> newestSnapshot() {
        Path stateMachineDirectory = groupDirectory().resolve("sm");
        if (!Files.isDirectory(stateMachineDirectory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(stateMachineDirectory)) {
            return files.filter(file -> snapshotIndex(file) >= 0).max(Comparator.comparingLong(RatisMember::snapshotIndex));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static long snapshotIndex(Path file) {
        Matcher matcher = SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(file.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(2)) : -1;
    }

    private Path groupDirectory() {
        return directory.resolve("ratis").resolve(group.getGroupId().getUuid().toString());
    }

    /**
     * Closes a server whose start failed. Ratis 3.3.0 starts the group's division before its RPC service,
     * and closing a server whose start failed does not close the division (its log worker, updater and
     * elections ran on for the JVM's life): each division is closed first.
     */
    private static void closeQuietly(RaftServer server) {
        if (server == null) {
            return;
        }
        try {
            for (RaftGroupId group : server.getGroupIds()) {
                server.getDivision(group).close();
            }
        } catch (IOException | RuntimeException ignored) {
            // the start failure is what the caller needs to see
        }
        try {
            server.close();
        } catch (IOException | RuntimeException ignored) {
            // as above
        }
    }

    @Override
    public String toString() {
        return id + "(" + peerId + ")";
    }
}

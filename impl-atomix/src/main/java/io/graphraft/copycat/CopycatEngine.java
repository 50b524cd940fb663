package io.graphraft.copycat;

import io.graphraft.core.engine.Capabilities;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.EngineSupport;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.Setting;

import java.util.List;
import java.util.Map;

/**
 * {@code copycat}: the graph state machine replicated by Copycat 1.2.8 (Atomix's Raft library) over
 * Catalyst 1.2.1's Netty transport, one CopycatServer per member ({@link CopycatMember}) with DISK storage.
 *
 * <h2>ClusterSpec mapping</h2>
 * <ul>
 *   <li>{@code nodes}: 1, 3 or 5 servers at the layout's addresses, bootstrapped with the full member
 *       list; a stopped member restarts on the same address and directory, a wiped one rejoins the same
 *       membership through the leader.
 *   <li>{@code durability}: FSYNC = {@code Storage.withFlushOnCommit(true)}, NONE = {@code false}
 *       (see {@link #durabilitySemantics()}).
 *   <li>{@code electionTimeout}/{@code heartbeatInterval}: Copycat's own, default 750/250 ms
 *       (Copycat's defaults); for a single server 150/50 ms, as Copycat makes a lone server wait out
 *       a random 1-2 election timeouts before it elects itself at every start
 *       ({@link CopycatSettings#LONE_SERVER_ELECTION_TIMEOUT}). Given one alone, the other follows:
 *       heartbeat = min(250 ms, election/3), election = max(default, 3 x heartbeat). A follower polls after a random 1-2
 *       election timeouts without a leader; a leader that reached no majority for 2 election
 *       timeouts steps down. Copycat's session timeout is max(5 s, 4 x election timeout).
 *   <li>{@code snapshotThreshold} N: {@code Storage.withMaxEntriesPerSegment(N)}. Copycat snapshots
 *       when its log has rolled to a new segment, i.e. about every N log entries (its own session,
 *       keep-alive and configuration entries count too; a segment also rolls at 32 MiB), and
 *       completes the snapshot at the next session keep-alive (every half session timeout). It also
 *       snapshots once right after the first entry. 0 (no automatic snapshots) maps to Copycat's
 *       maximum, 1,048,576 entries per segment; larger values are rejected. Snapshotted entries of
 *       full segments are cleaned by Copycat's minor compaction, which runs when Copycat completes
 *       a snapshot and otherwise once a minute (Copycat's default).
 *   <li>{@code trailingLogs}: unsupported (Copycat keeps no entries behind a snapshot: compaction
 *       drops every snapshotted entry of a full segment). {@code appendBatchMaxEntries}:
 *       unsupported (Copycat sizes append batches itself).
 *   <li>{@code tls} = on: Catalyst's own TLS ({@code ssl.*} properties of its {@code NettyOptions}, see
 *       {@link LoopbackNettyTransport}) on every server's and client's transport: peer and client
 *       connections alike. Each server and the client present their own key store from the cluster's
 *       material and trust the cluster's CA; Catalyst builds a new {@code SSLContext} per connection,
 *       enables every protocol the JDK has (TLSv1.3 on Java 17), does no host-name check and only
 *       <em>wants</em> a client certificate (a caller without one is not refused).
 *   <li>{@code store}, {@code codec}: the graph state machine's. No engine options.
 * </ul>
 * TCP_NODELAY is on (Catalyst's client default is off); Catalyst's request timeout stays 500 ms.
 *
 * <h2>Read levels</h2>
 * <ul>
 *   <li>LINEARIZABLE → {@code ConsistencyLevel.LINEARIZABLE}: the leader answers after a round of
 *       appends confirmed it still leads a majority (a follower forwards the query to it).</li>
 *   <li>LOCAL → {@code ConsistencyLevel.SEQUENTIAL} on the server the client is connected to (the leader,
 *       by {@link LeaderFirstSelection}), never behind what this session saw.</li>
 *   <li>FOLLOWER → {@code SEQUENTIAL} through a second session whose connection avoids the leader
 *       ({@link FollowersOnlySelection}): the follower answers from its state once it has applied what
 *       the session saw; the leader's state machine refuses such a query and the client sends it
 *       again (see {@link CopycatGraphClient}).</li>
 *   <li>LEASE → not served, a declared gap ({@link #LEASE_GAP}).</li>
 * </ul>
 *
 * <h2>Capabilities</h2>
 * All but LEASE_READ (above). Snapshot on demand has no public Copycat API: {@link CopycatSnapshots} drives Copycat's own
 * snapshot store exactly as Copycat does when a segment fills, reaching the server's context
 * through {@link CopycatInternals}. A server connects to its peers at its member's routes
 * ({@link RoutedTransport}), so the link layer can delay and cut its traffic. Clients: see
 * {@link CopycatGraphClient}.
 *
 * <p>Catalyst's Netty transport reflects into {@code java.nio} (and {@code sun.nio.ch} with Netty older
 * than 4.1.115): {@link #jvmFlags()} opens both. Without them servers fail to build and two non-daemon
 * threads keep the JVM alive.
 */
public final class CopycatEngine implements Engine {
    /** Why Copycat serves no LEASE reads. */
    static final String LEASE_GAP = "Copycat 1.2.8's LINEARIZABLE_LEASE checks no lease: LeaderState.queryBoundedLinearizable"
            + " answers on any server in the leader state, and a leader cut off from its majority steps down only after"
            + " two election timeouts without a successful append, while the majority polls after one to two:"
            + " in between it would answer reads that miss the new leader's writes";
    private static final EngineSupport SUPPORT = EngineSupport.builder()
            .nodeCounts(1, 3, 5)
            .settings(Setting.ELECTION_TIMEOUT, Setting.HEARTBEAT_INTERVAL, Setting.SNAPSHOT_THRESHOLD)
            .build();

    @Override
    public String name() {
        return "copycat";
    }

    @Override
    public EngineSupport support() {
        return SUPPORT;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.all().withGap(Capability.LEASE_READ, LEASE_GAP);
    }

    @Override
    public String durabilitySemantics() {
        return "Copycat DISK storage: every server writes each entry to its current log segment file (the OS page"
                + " cache) as it appends it; a follower acknowledges an append once written, not fsynced."
                + " fsync (flushOnCommit=true): a server fsyncs its current segment whenever its commit index advances."
                + " The leader's advances once a majority (itself included) holds the entry, so the leader fsyncs after"
                + " the followers' acknowledgements and before it applies the command and answers the client;"
                + " followers fsync when a later append or heartbeat brings them the higher commit index, after the"
                + " client's answer. An acknowledged write is thus on disk on the leader and in the page cache of a"
                + " majority (a single node fsyncs before it answers)."
                + " none (flushOnCommit=false): no fsync on commit; a segment is forced only when it fills and the log"
                + " rolls to the next one, and on shutdown; an acknowledged write is in the page cache of a majority.";
    }

    @Override
    public Map<String, String> libraryVersions() {
        return Map.of("io.atomix.copycat", "1.2.8", "io.atomix.catalyst", "1.2.1");
    }

    @Override
    public List<String> jvmFlags() {
        return List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
    }

    @Override
    public Member startMember(ClusterSpec spec, MemberConfig member) {
        require(spec);
        return CopycatMember.start(spec, member, CopycatSettings.of(spec));
    }

    @Override
    public GraphClient connect(ClusterSpec spec, ClusterLayout layout) {
        require(spec);
        return new CopycatGraphClient(CopycatAddresses.of(layout.members()), spec);
    }
}

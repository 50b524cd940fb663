package io.graphraft.jraft;

import io.graphraft.core.engine.Capabilities;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.ClusterTls;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.EngineSupport;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.Setting;
import io.graphraft.core.engine.UnsupportedSettingException;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code jraft}: the graph state machine replicated by SOFAJRaft (jraft-core 1.4.1, a Java port of
 * braft), 1, 3 or 5 members, each a {@link JraftMember} with its own bolt RPC server at its layout
 * address and its own RocksDB log. Clients reach the members at their layout addresses over the
 * same RPC ({@link JraftGraphClient}).
 *
 * <h2>ClusterSpec → jraft</h2>
 * <ul>
 *   <li>{@code nodes} → that many members at the layout's addresses, one jraft group (id
 *       {@code graph-<cluster id>}), each member's initial configuration listing all of them; per member
 *       {@code node-<i>/raft/log} (RocksDBLogStorage), {@code raft/meta}, {@code raft/snapshot} and the
 *       graph store {@code node-<i>/store} (rebuilt from snapshot + log on every start).</li>
 *   <li>{@code durability} FSYNC → {@code RaftOptions.sync=true} (every log append is a RocksDB write
 *       with {@code WriteOptions.sync}) and {@code syncMeta=true} (term/vote and snapshot meta files are
 *       fsynced); NONE → both false. See {@link #durabilitySemantics()}.</li>
 *   <li>{@code electionTimeout} = T → {@code NodeOptions.electionTimeoutMs} = T and
 *       {@code RaftOptions.maxElectionDelayMs} = T: each election and vote timeout is drawn from
 *       [T, 2T), as the Ratis mapping does. Unset: jraft's 1000 ms and 1000 ms. A leader that heard
 *       from no majority for about T (its lease, 90% of T, checked every T/2) steps down.</li>
 *   <li>{@code heartbeatInterval} = H → {@code RaftOptions.electionHeartbeatFactor} = ⌊T / H⌋ (at least
 *       1): jraft's heartbeat is T / factor (at least 10 ms), so H when it divides T, else a little more.
 *       Unset: factor 10 (T/10).</li>
 *   <li>{@code snapshotThreshold} = N &gt; 0 → {@code NodeOptions.snapshotLogIndexMargin} = N and
 *       {@code snapshotIntervalSecs} = 1: every second a member snapshots if at least N entries were
 *       applied since its last snapshot — hashicorp/raft's SnapshotThreshold checked every
 *       SnapshotInterval, as in the seed. N = 0 → {@code snapshotIntervalSecs} = 0 (no automatic
 *       snapshots). Unset: jraft's default (a snapshot every hour, first one after 30–60 min).
 *       On-demand snapshots ({@code takeSnapshot}) ignore N.</li>
 *   <li>{@code trailingLogs}: not supported. After a snapshot jraft truncates its log only up to its
 *       <em>previous</em> snapshot, keeping every entry since then for lagging followers; the number is
 *       not configurable.</li>
 *   <li>{@code appendBatchMaxEntries} = E → {@code RaftOptions.maxEntriesSize} = E (entries per
 *       AppendEntries request; jraft's default 1024, and at most {@code maxBodySize} 512 KB).</li>
 *   <li>option {@code applyBatch} = B → {@code RaftOptions.applyBatch} (most tasks the leader takes from
 *       its apply queue into one log append and ballot; jraft's default 32).</li>
 *   <li>option {@code disruptorBufferSize} = S (a power of 2) → {@code RaftOptions.disruptorBufferSize}
 *       (slots of each of jraft's queues; default 16384). A member admits S/2 writes and linearizable
 *       reads in flight and answers BUSY beyond (the client retries until its deadline), so jraft's
 *       non-blocking queues never overflow.</li>
 *   <li>option {@code replicatorPipeline} = true|false → {@code RaftOptions.replicatorPipeline}
 *       (default true: appends to a follower are sent before earlier ones are answered).</li>
 *   <li>{@code tls} = on → SOFABolt's own TLS ({@link BoltTls}) on every member's RPC server, on the
 *       RPC client each member's node opens to its peers, and on the engine's client: mutual TLS
 *       (the server requires a certificate of the cluster's CA), no host-name check.</li>
 *   <li>{@code requestTimeout} → every client future fails with {@code EngineUnavailableException}
 *       by then; a linearizable read waits at most max(1 s, 2T) for one member before asking the next.</li>
 *   <li>Always: {@code ApplyTaskMode.NonBlocking}, {@code RaftOptions.readOnlyOptions} left at
 *       ReadOnlySafe (each read names its own option, below), {@code NodeOptions.leaderLeaseTimeRatio}
 *       at jraft's 90%, jraft's other defaults (RocksDB statistics on, pre-vote, bolt with epoll).</li>
 * </ul>
 *
 * <h2>Read levels</h2>
 * jraft takes the read-only option per call ({@code Node.readIndex(ReadOnlyOption, ...)}), so one
 * cluster serves all four levels ({@link GraphRequestProcessor}):
 * <ul>
 *   <li>LINEARIZABLE → {@code ReadOnlySafe}: the leader confirms its leadership with a heartbeat round
 *       before the read index counts (a follower asks the leader for it).</li>
 *   <li>LEASE → {@code ReadOnlyLeaseBased} on the leader only: no round while the leader heard from a
 *       majority within its lease (90% of T, see {@code electionTimeout}); once the lease expired jraft
 *       falls back to the round, so a leader cut off from its majority answers nothing. Safe only while
 *       clocks drift less than the 10% margin.</li>
 *   <li>LOCAL → the state of the member the client takes for the leader, as it is (no check).</li>
 *   <li>FOLLOWER → the state of a member that is not the leader, as it is: it may lag, but it holds
 *       only applied, hence committed, entries; the leader refuses such a read.</li>
 * </ul>
 *
 * <h2>Capabilities</h2>
 * All. A member sends its peer traffic to its routes, so the link layer can delay and cut it: jraft
 * loads {@link RoutedRpcFactory} through its RPC SPI, and the client it creates for each member's
 * votes, appends, snapshot copies, read indexes and TimeoutNow sends every call for a peer to that
 * member's route to it ({@link RoutedRpcClient}). A member's close is crash-like, not jraft's
 * graceful shutdown (see {@link JraftMember}).
 *
 * <p>JVM: no flags needed on Java 17 (client traffic uses its own binary frames, not Hessian).
 */
public final class JraftEngine implements Engine {
    static final String NAME = "jraft";

    private static final EngineSupport SUPPORT = EngineSupport.builder()
            .nodeCounts(1, 3, 5)
            .durabilities(Durability.FSYNC, Durability.NONE)
            .settings(Setting.ELECTION_TIMEOUT, Setting.HEARTBEAT_INTERVAL, Setting.SNAPSHOT_THRESHOLD,
                    Setting.APPEND_BATCH_MAX_ENTRIES)
            .option(JraftSettings.APPLY_BATCH_OPTION)
            .option(JraftSettings.DISRUPTOR_BUFFER_OPTION)
            .option(JraftSettings.PIPELINE_OPTION, "true", "false")
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineSupport support() {
        return SUPPORT;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.all();
    }

    @Override
    public String durabilitySemantics() {
        return "fsync (RaftOptions.sync=true, syncMeta=true): every member appends log entries to its RocksDB log"
                + " with WriteOptions.sync, one synced write batch for all entries queued at that moment. The leader"
                + " sends entries to followers from memory while its own write runs; a follower answers an append only"
                + " after its synced write; the leader counts its own copy once its write returned, and applies and"
                + " answers once a majority (itself included) has the entry on disk. Term/vote and snapshot meta files"
                + " are fsynced too."
                + " none (sync=false, syncMeta=false): the same writes without sync: RocksDB puts them in its WAL file"
                + " (the OS page cache) and they count at once, so a power loss or OS crash on a majority can lose"
                + " acknowledged writes; a process crash cannot. Graph snapshots are fsynced and renamed into place in"
                + " both modes.";
    }

    @Override
    public Map<String, String> libraryVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("com.alipay.sofa.jraft", artifactVersion("jraft-core"));
        versions.put("com.alipay.sofa.bolt", artifactVersion("bolt"));
        return versions;
    }

    /** Besides the supported settings, the values jraft can take (see {@link JraftSettings}). */
    @Override
    public Optional<String> unsupported(ClusterSpec spec) {
        Optional<String> setting = SUPPORT.unsupported(NAME, spec);
        if (setting.isPresent()) {
            return setting;
        }
        try {
            new JraftSettings(spec);
            return Optional.empty();
        } catch (UnsupportedSettingException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public Member startMember(ClusterSpec spec, MemberConfig member) {
        require(spec);
        return JraftMember.start(spec, member, new JraftSettings(spec));
    }

    @Override
    public GraphClient connect(ClusterSpec spec, ClusterLayout layout) {
        require(spec);
        return new JraftGraphClient(spec.codec().codec(), JraftLayout.members(layout), new JraftSettings(spec),
                BoltTls.of(spec, ClusterTls.CLIENT));
    }

    /** From the artifact's {@code pom.properties}, which jars (and shaded jars) keep under their own path. */
    static String artifactVersion(String artifactId) {
        String resource = "/META-INF/maven/com.alipay.sofa/" + artifactId + "/pom.properties";
        try (InputStream in = JraftEngine.class.getResourceAsStream(resource)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null) {
                    return version;
                }
            }
        } catch (IOException e) {
            // reported as unknown
        }
        return "unknown";
    }
}

package io.graphraft.ratis;

import io.graphraft.core.engine.Capabilities;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.EngineSupport;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.Setting;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.RaftServer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code ratis}: the graph state machine replicated by Apache Ratis, 1, 3 or 5 peers talking over
 * TCP, each member a {@link RatisMember}.
 *
 * <h2>ClusterSpec → Ratis</h2>
 * <ul>
 *   <li>{@code nodes} → a {@code RaftGroup} of that many peers ({@code n0}, {@code n1}, ... at the layout's
 *       addresses; the group id derives from the cluster id), each with its own
 *       {@code raft.server.storage.dir} ({@code node-<i>/ratis}) and graph store ({@code node-<i>/store},
 *       rebuilt from snapshot + log on every start).</li>
 *   <li>option {@code rpc} = {@code netty} (default) | {@code grpc} → {@code raft.rpc.type}. On Netty a
 *       server sends its peer traffic to its member's routes ({@link RoutedRpcType}), so the link layer
 *       can delay and cut it; gRPC's log appender cannot be routed, so it runs only without a link layer.</li>
 *   <li>{@code tls} = on → only with {@code rpc=grpc}: mutual TLS on every peer, client and admin
 *       connection ({@code GrpcTlsConfig} with the member's key, its chain and the cluster's CA, see
 *       {@link RatisConfig}); the client presents the cluster's client certificate. With {@code rpc=netty}
 *       {@link #unsupported} refuses it: Ratis 3.3.0's Netty RPC has no TLS (only its DataStream API).</li>
 *   <li>{@code durability} FSYNC → Ratis's default log flush ({@code raft.server.log.unsafe-flush.enabled=false});
 *       NONE → {@code raft.server.log.unsafe-flush.enabled=true}. See {@link #durabilitySemantics()}.</li>
 *   <li>{@code electionTimeout} = T → {@code raft.server.rpc.timeout.min} = T and
 *       {@code raft.server.rpc.timeout.max} = 2T (Ratis picks each timeout at random in between; a
 *       leader without a majority of answers for max steps down). Unset: Ratis's 150/300 ms.</li>
 *   <li>{@code heartbeatInterval}: not supported. Ratis derives it (half of {@code rpc.timeout.min}).</li>
 *   <li>{@code snapshotThreshold} = N &gt; 0 → {@code raft.server.snapshot.auto.trigger.enabled=true},
 *       {@code raft.server.snapshot.auto.trigger.threshold} = N; since only closed log segments are
 *       purged, {@code raft.server.log.segment.size.max} = N × 64 B (4 KB … 8 MB) and
 *       {@code raft.server.log.purge.gap} = 1 (every snapshot purges what it covers). N = 0 or unset:
 *       no automatic snapshots, Ratis's 32 MB segments.</li>
 *   <li>{@code trailingLogs} = K → {@code raft.server.log.purge.preservation.log.num} = K (a purge keeps
 *       the last K entries: it removes closed segments up to min(snapshot index, last index − K)) and
 *       {@code raft.server.log.purge.upto.snapshot.index=true} (as in the seed's hashicorp/raft,
 *       compaction does not wait for lagging or dead followers; they get the snapshot). Unset:
 *       nothing preserved, and Ratis purges only up to the lowest commit index of all peers.</li>
 *   <li>{@code appendBatchMaxEntries} = E → {@code raft.server.log.appender.buffer.element-limit} = E.</li>
 *   <li>option {@code appenderWaitMs} = W → {@code raft.server.log.appender.wait-time.min} = W ms: how long
 *       a log appender waits between two appendEntries calls. Unset: Ratis 3.3.0's default, 1 ms (10 ms
 *       before 3.0, RATIS-1886). Only gRPC's appender waits it; Netty's sends its next appendEntries
 *       as soon as the last one is answered (one outstanding call per follower).</li>
 *   <li>{@code requestTimeout} → the client's retry policy gives up once a request is that old
 *       (per attempt {@code raft.client.rpc.request.timeout} = min(3 s, timeout)), and every future
 *       fails with {@code EngineUnavailableException} at that deadline.</li>
 *   <li>Always: {@code raft.server.snapshot.trigger-when-stop.enabled=false} (a stop is a crash),
 *       {@code raft.server.snapshot.retention.file.num=2},
 *       {@code raft.server.read.option=LINEARIZABLE} (read-only requests use a read index),
 *       {@code raft.server.leaderelection.leader.step-down.wait-time} = {@code raft.server.rpc.timeout.max}
 *       (Ratis's 10 s kept a leader that stepped down for want of its majority's answers from standing
 *       again; when it held the newest log no other peer could win, and the group had no leader for 10 s:
 *       a follower that answered late once, on a slow disk, cost 10 s of writes; pre-vote, on by default,
 *       already keeps a cut-off peer from disturbing the others).
 *       Everything else keeps Ratis's defaults, including log metadata entries
 *       ({@code raft.server.log.log-metadata.enabled=true}: commit-index entries share the log, so
 *       command indices are not consecutive).</li>
 * </ul>
 *
 * <h2>Read levels</h2>
 * <ul>
 *   <li>LINEARIZABLE → {@code sendReadOnly} to the leader: a read index confirmed by a heartbeat round
 *       ({@code raft.server.read.option=LINEARIZABLE}, lease off).</li>
 *   <li>LEASE → not served, a declared gap ({@link #LEASE_GAP}): Ratis's lease
 *       ({@code raft.server.read.leader.lease.enabled}) applies to every read of a server, never to one request.</li>
 *   <li>LOCAL → {@code sendStaleRead(query, 0, leader hint)}: the state of the peer the client takes for
 *       the leader, as it is.</li>
 *   <li>FOLLOWER → {@code sendStaleRead(query, 0, follower)} to a peer other than the confirmed leader
 *       (see {@link RatisGraphClient}): its state as it is, which lags but holds only applied, hence
 *       committed, entries. Ratis does not check the serving peer's role, so a read sent just as that
 *       peer is elected may be answered by the new leader.</li>
 * </ul>
 *
 * <h2>Throughput: what was tried</h2>
 * With 64 concurrent writers (3 peers, fsync, one JVM on 2 cores) Ratis is CPU-bound at roughly
 * 300-500 µs of CPU per write, 5-8x Copycat or jraft. Its profile spreads that over its own
 * pipeline: the log worker (~20 % of the process's CPU, half of it {@code fdatasync}: entries
 * arrive one by one through the server's thread hand-offs, and the worker forces its segment whenever
 * its queue is momentarily empty, so one force covers only a couple of entries), the Netty event
 * loops (~16 %), the state machine updater (~8 %), a cached request pool, the appenders. The
 * adapter's own share (apply, codec) is a few per cent. Kept as Ratis's defaults, each measured
 * without a gain beyond noise: {@code rpc=grpc}; {@code raft.server.log.async-flush.enabled} (also
 * unsafe for {@code durability=fsync} in 3.3.0: the flushed index it publishes is read when the force
 * completes, so it covers entries written after the force began, and a failed force is not
 * noticed). Ratis has no group-commit linger for its log worker.
 *
 * <h2>On machines with 2 CPUs</h2>
 * A follower handles appendEntries through {@code thenComposeAsync} on CompletableFuture's default
 * executor, which starts a new thread per task whenever the common pool's parallelism is below 2
 * (every JVM with 2 CPUs or fewer). Run such JVMs with
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=2}; benchmarks.jar gives it to its
 * forks on such machines (bench's ForkFlags). Measured latencies: reports/reference/report.md.
 */
public final class RatisEngine implements Engine {
    static final String NAME = "ratis";
    /** Why Ratis serves no LEASE reads. */
    static final String LEASE_GAP = "Ratis 3.3.0's leader lease is a server-wide setting"
            + " (raft.server.read.leader.lease.enabled) that makes every read-index read skip its heartbeat round"
            + " while the lease holds, and a read request cannot ask for it alone: one cluster cannot serve both"
            + " LEASE and LINEARIZABLE reads, and this engine keeps LINEARIZABLE";
    private static final String RATIS = "org.apache.ratis";

    private static final EngineSupport SUPPORT = EngineSupport.builder()
            .nodeCounts(1, 3, 5)
            .durabilities(Durability.FSYNC, Durability.NONE)
            .settings(Setting.ELECTION_TIMEOUT, Setting.SNAPSHOT_THRESHOLD, Setting.TRAILING_LOGS,
                    Setting.APPEND_BATCH_MAX_ENTRIES)
            .option(RatisTransport.OPTION, Arrays.stream(RatisTransport.values()).map(RatisTransport::label)
                    .toArray(String[]::new))
            .option(RatisConfig.APPENDER_WAIT_OPTION)
            .build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineSupport support() {
        return SUPPORT;
    }

    /** Besides its support: {@code tls=on} needs {@code rpc=grpc}. */
    @Override
    public Optional<String> unsupported(ClusterSpec spec) {
        Optional<String> reason = Engine.super.unsupported(spec);
        if (reason.isEmpty() && spec.tls() && !new RatisConfig(spec).transport().hasTls()) {
            return Optional.of("engine 'ratis' cannot run tls=on with " + RatisTransport.OPTION + "="
                    + new RatisConfig(spec).transport().label() + ": Ratis " + ratisVersion() + "'s Netty RPC has no TLS"
                    + " (only its DataStream API has); use " + RatisTransport.OPTION + "=" + RatisTransport.GRPC.label());
        }
        return reason;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.all().withGap(Capability.LEASE_READ, LEASE_GAP);
    }

    @Override
    public String durabilitySemantics() {
        return "fsync: every peer's log worker writes appended entries to its segment file and calls"
                + " FileChannel.force(false) before it counts them (one force covers all entries queued at that"
                + " moment, at most raft.server.log.force.sync.num=128): followers answer appendEntries only"
                + " after their force, the leader counts its own copy only after its force, and a write is"
                + " applied and acknowledged once a majority of peers has forced it."
                + " none (raft.server.log.unsafe-flush.enabled=true): every peer writes the entries to the file"
                + " (OS page cache) and counts or acknowledges them at once; the force runs afterwards on a"
                + " separate thread, so a power loss or OS crash on a majority can lose acknowledged writes."
                + " Snapshots are fsynced and renamed into place in both modes.";
    }

    @Override
    public Map<String, String> libraryVersions() {
        return Map.of(RATIS, ratisVersion());
    }

    @Override
    public Member startMember(ClusterSpec spec, MemberConfig member) {
        require(spec);
        return RatisMember.start(spec, member, new RatisConfig(spec));
    }

    @Override
    public GraphClient connect(ClusterSpec spec, ClusterLayout layout) {
        require(spec);
        RatisConfig config = new RatisConfig(spec);
        RaftGroup group = RatisLayout.group(layout);
        return new RatisGraphClient(spec.codec().codec(), config,
                group.getPeers().stream().map(RaftPeer::getId).toList(),
                firstTry -> RaftClient.newBuilder()
                        .setClientId(ClientId.randomId())
                        .setRaftGroup(group)
                        .setLeaderId(firstTry)
                        .setProperties(config.clientProperties())
                        .setParameters(config.clientParameters())
                        .setRetryPolicy(config.clientRetryPolicy())
                        .build());
    }

    /**
     * From {@code ratis-version.properties}, which every Ratis jar carries (a shaded jar keeps one of
     * them, all alike); its manifest would name the shaded jar's version instead.
     */
    static String ratisVersion() {
        try (InputStream in = RaftServer.class.getClassLoader().getResourceAsStream("ratis-version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null) {
                    return version;
                }
            }
        } catch (IOException e) {
            // fall back to the manifest
        }
        String version = RaftServer.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown";
    }
}

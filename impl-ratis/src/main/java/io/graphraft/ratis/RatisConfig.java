package io.graphraft.ratis;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.ClusterTls;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.UnsupportedSettingException;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import io.graphraft.network.TlsMaterial;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ClusterSpec} → Ratis properties mapping, for servers and clients. {@link RatisEngine}'s
 * javadoc states the mapping; this class is its single implementation.
 */
final class RatisConfig {
    /** Snapshot files kept per peer; a restart loads the newest (a corrupt one stops the start with its error). */
    static final int SNAPSHOTS_RETAINED = 2;
    /** Assumed bytes per log entry when sizing segments for a snapshot threshold (a small command is ~60–100 B). */
    static final long SEGMENT_BYTES_PER_THRESHOLD_ENTRY = 64;
    static final long MIN_SEGMENT_BYTES = 4 * 1024;
    static final long MAX_SEGMENT_BYTES = 8 * 1024 * 1024;
    /** Pause between client attempts that failed without naming a new leader (none while a leader is known). */
    static final Duration CLIENT_RETRY_SLEEP = Duration.ofMillis(20);
    /** Ratis's default {@code raft.server.rpc.timeout.min}. */
    static final Duration RATIS_DEFAULT_MIN_ELECTION_TIMEOUT = Duration.ofMillis(150);
    /** Ratis's own per-attempt default; a shorter request timeout shortens it. */
    static final Duration CLIENT_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

    /** Engine option: {@code raft.server.log.appender.wait-time.min} in milliseconds. */
    static final String APPENDER_WAIT_OPTION = "appenderWaitMs";

    private final ClusterSpec spec;
    private final RatisTransport transport;
    private final Long appenderWaitMillis;

    RatisConfig(ClusterSpec spec) {
        this.spec = spec;
        this.transport = spec.option(RatisTransport.OPTION).map(RatisTransport::parse).orElse(RatisTransport.DEFAULT);
        this.appenderWaitMillis = spec.option(APPENDER_WAIT_OPTION).map(RatisConfig::millisOption).orElse(null);
    }

    private static long millisOption(String value) {
        try {
            long millis = Long.parseLong(value.trim());
            if (millis >= 0) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("engine 'ratis' option '" + APPENDER_WAIT_OPTION
                + "' must be a whole number of milliseconds, 0 or more; was '" + value + "'");
    }

    RatisTransport transport() {
        return transport;
    }

    Duration requestTimeout() {
        return spec.requestTimeout();
    }

    /** The properties of the peer listening at {@code listen} and keeping its log and snapshots in {@code storageDirectory}. */
    RaftProperties serverProperties(Path storageDirectory, InetSocketAddress listen) {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, transport.serverRpcType());
        transport.bind(properties, listen.getHostString(), listen.getPort());
        RaftServerConfigKeys.setStorageDir(properties, List.of(storageDirectory.toAbsolutePath().toFile()));
        // The same per-attempt timeout bounds Netty's server-to-server calls.
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, millis(attemptTimeout()));

        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(properties, spec.durability() == Durability.NONE);
        RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);

        spec.electionTimeout().ifPresent(min -> {
            RaftServerConfigKeys.Rpc.setTimeoutMin(properties, millis(min));
            RaftServerConfigKeys.Rpc.setTimeoutMax(properties, millis(min.multipliedBy(2)));
        });
        // A leader that stepped down for want of its majority's answers would otherwise not stand again for
        // 10 s; if its log is the newest, no other peer can win meanwhile and the group has no leader. Pre-vote
        // (on by default) already keeps a cut-off peer from disturbing the others, so it waits one timeout.
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(properties,
                RaftServerConfigKeys.Rpc.timeoutMax(properties));

        // A stop is a crash: never a final snapshot (it would also hide log replay from restart measurements).
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(properties, false);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, SNAPSHOTS_RETAINED);
        long threshold = spec.snapshotThreshold().orElse(0L);
        if (threshold > 0) {
            RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
            RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, threshold);
            // Only closed segments are purged: size them so that one snapshot interval fills about one segment.
            RaftServerConfigKeys.Log.setSegmentSizeMax(properties, SizeInBytes.valueOf(segmentBytes(threshold)));
            RaftServerConfigKeys.Log.setPurgeGap(properties, 1);
        }
        spec.trailingLogs().ifPresent(trailing -> {
            RaftServerConfigKeys.Log.setPurgePreservationLogNum(properties, trailing);
            // As in the seed (hashicorp/raft): compaction keeps `trailing` entries and does not wait for lagging
            // or dead followers; they catch up by snapshot install instead.
            RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        });
        spec.appendBatchMaxEntries().ifPresent(entries ->
                RaftServerConfigKeys.Log.Appender.setBufferElementLimit(properties, entries));
        if (appenderWaitMillis != null) {
            RaftServerConfigKeys.Log.Appender.setWaitTimeMin(properties,
                    TimeDuration.valueOf(appenderWaitMillis, TimeUnit.MILLISECONDS));
        }
        return properties;
    }

    /**
     * What the member's server RPC needs beyond properties: its routes to the peers.
     *
     * @throws UnsupportedSettingException if the transport cannot follow routes and they differ from the layout
     */
    Parameters serverParameters(MemberConfig member) {
        if (!transport.followsRoutes() && !member.routes().equals(member.layout().members())) {
            throw new UnsupportedSettingException("engine 'ratis' with " + RatisTransport.OPTION + "="
                    + transport.label() + " cannot send its peer traffic through the link layer (Ratis's gRPC log"
                    + " appender needs gRPC's own server RPC); use " + RatisTransport.OPTION + "=netty");
        }
        Parameters parameters = RoutedServerFactory.parameters(member.routes());
        if (spec.tls()) {
            GrpcConfigKeys.TLS.setConf(parameters, tlsConfig(member.id()));
        }
        return parameters;
    }

    /** What a client needs beyond properties: with {@code tls=on}, its key and the cluster's CA. */
    Parameters clientParameters() {
        Parameters parameters = new Parameters();
        if (spec.tls()) {
            GrpcConfigKeys.TLS.setConf(parameters, tlsConfig(ClusterTls.CLIENT));
        }
        return parameters;
    }

    /**
     * Mutual TLS for {@code name} from the cluster's material: gRPC's default for its server, client
     * and admin services ({@code raft.grpc.tls.conf}); the server requires a certificate of the
     * cluster's CA from every caller, and callers check the server's against {@code 127.0.0.1}.
     */
    private GrpcTlsConfig tlsConfig(String name) {
        TlsMaterial tls = TlsMaterial.load(ClusterTls.directory(spec), List.of(name));
        TlsMaterial.MemberFiles files = tls.member(name);
        return new GrpcTlsConfig(files.privateKeyPem().toFile(), files.certificateChainPem().toFile(),
                tls.caCertificatePem().toFile(), true);
    }

    RaftProperties clientProperties() {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, transport.rpcType());
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, millis(attemptTimeout()));
        return properties;
    }

    /**
     * Retries every request type (NotLeaderException redirects, refused connections, attempt timeouts)
     * until the request is {@link ClusterSpec#requestTimeout()} old, then gives up. Ratis's default
     * retries forever.
     */
    RetryPolicy clientRetryPolicy() {
        RequestTypeDependentRetryPolicy.Builder builder = RequestTypeDependentRetryPolicy.newBuilder();
        RetryPolicy sleepBetweenAttempts = RetryPolicies.retryForeverWithSleep(millis(CLIENT_RETRY_SLEEP));
        for (TypeCase type : TypeCase.values()) {
            if (type != TypeCase.TYPE_NOT_SET) {
                builder.setRetryPolicy(type, sleepBetweenAttempts);
                builder.setTimeout(type, millis(spec.requestTimeout()));
            }
        }
        return builder.build();
    }

    static long segmentBytes(long snapshotThreshold) {
        if (snapshotThreshold >= MAX_SEGMENT_BYTES / SEGMENT_BYTES_PER_THRESHOLD_ENTRY) {
            return MAX_SEGMENT_BYTES;
        }
        return Math.max(MIN_SEGMENT_BYTES, snapshotThreshold * SEGMENT_BYTES_PER_THRESHOLD_ENTRY);
    }

    /** The client's per-attempt timeout ({@code raft.client.rpc.request.timeout}). */
    Duration attemptTimeout() {
        return spec.requestTimeout().compareTo(CLIENT_ATTEMPT_TIMEOUT) < 0 ? spec.requestTimeout() : CLIENT_ATTEMPT_TIMEOUT;
    }

    Duration minElectionTimeout() {
        return spec.electionTimeout().orElse(RATIS_DEFAULT_MIN_ELECTION_TIMEOUT);
    }

    private static TimeDuration millis(Duration duration) {
        return TimeDuration.valueOf(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
}

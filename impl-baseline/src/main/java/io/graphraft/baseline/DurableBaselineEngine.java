package io.graphraft.baseline;

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

import java.util.Map;

/**
 * {@code baseline-durable}: every write appended to a local log and (with durability FSYNC) forced
 * to disk before it is acknowledged, with group commit; restart = snapshot + log replay. The floor
 * every Raft engine is compared to.
 *
 * <p>Option {@code log}: {@code filechannel} (default: our own append-only file and
 * {@code FileChannel.force}) or {@code rocksdb} (RocksDB's WAL with sync writes). Setting
 * {@code snapshotThreshold}: entries after which a snapshot is written and the log dropped.
 */
public final class DurableBaselineEngine implements Engine {
    static final LogKind DEFAULT_LOG = LogKind.FILECHANNEL;

    private static final EngineSupport SUPPORT = EngineSupport.builder()
            .settings(Setting.SNAPSHOT_THRESHOLD)
            .option(LogKind.OPTION, LogKind.FILECHANNEL.label(), LogKind.ROCKSDB.label())
            .build();
    private static final Capabilities CAPABILITIES = Capabilities.all()
            .withGap(Capability.REPLICATION, "the durable baseline is one process with a local log")
            .withGap(Capability.ISOLATION, "a single node has no peers to be cut off from")
            .withGap(Capability.SNAPSHOT_INSTALL, "a single node has no followers")
            .withGap(Capability.FOLLOWER_READ, "a single node has no followers to read from")
            .withGap(Capability.PROCESS_TOPOLOGY, "the durable baseline has no network protocol: clients call it in the same JVM")
            .withGap(Capability.TLS, "the durable baseline sends nothing over a network: there is no traffic to encrypt");

    @Override
    public String name() {
        return "baseline-durable";
    }

    @Override
    public EngineSupport support() {
        return SUPPORT;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String durabilitySemantics() {
        return "fsync: the writer thread appends every queued write to the local log and calls one"
                + " FileChannel.force(false) (or a RocksDB sync write) for the group before applying and"
                + " acknowledging any of them; none: the same without the force (page cache only)";
    }

    @Override
    public Map<String, String> libraryVersions() {
        return Map.of();
    }

    @Override
    public Member startMember(ClusterSpec spec, MemberConfig member) {
        require(spec);
        LogKind log = spec.option(LogKind.OPTION).map(LogKind::parse).orElse(DEFAULT_LOG);
        return LocalMembers.start(spec, member, directory -> new DurableRuntime(spec, directory, log));
    }

    @Override
    public GraphClient connect(ClusterSpec spec, ClusterLayout layout) {
        return LocalMembers.client(spec, layout);
    }
}

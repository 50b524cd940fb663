package io.graphraft.baseline;

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

import java.util.Map;

/** {@code baseline}: the graph state machine called directly, in memory, no log. */
public final class BaselineEngine implements Engine {
    private static final EngineSupport SUPPORT = EngineSupport.builder().durabilities(Durability.NONE).build();
    private static final Capabilities CAPABILITIES = Capabilities.all()
            .withGap(Capability.REPLICATION, "the in-memory baseline is one process without a log")
            .withGap(Capability.DURABLE_RESTART, "the in-memory baseline keeps nothing across a stop")
            .withGap(Capability.ISOLATION, "a single node has no peers to be cut off from")
            .withGap(Capability.SNAPSHOT_INSTALL, "a single node has no followers")
            .withGap(Capability.FOLLOWER_READ, "a single node has no followers to read from")
            .withGap(Capability.PROCESS_TOPOLOGY, "the baseline has no network protocol: clients call it in the same JVM")
            .withGap(Capability.TLS, "the baseline sends nothing over a network: there is no traffic to encrypt");

    @Override
    public String name() {
        return "baseline";
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
        return "none: writes are applied in memory and acknowledged at once; nothing is written to disk";
    }

    @Override
    public Map<String, String> libraryVersions() {
        return Map.of();
    }

    @Override
    public Member startMember(ClusterSpec spec, MemberConfig member) {
        require(spec);
        return LocalMembers.start(spec, member, directory -> new InMemoryRuntime(spec, directory));
    }

    @Override
    public GraphClient connect(ClusterSpec spec, ClusterLayout layout) {
        return LocalMembers.client(spec, layout);
    }
}

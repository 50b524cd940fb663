package io.graphraft.baseline;

import io.graphraft.core.engine.Capabilities;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.EngineSupport;

import java.util.Map;

/** {@code baseline}: the graph state machine called directly, in memory, no log. */
public final class BaselineEngine implements Engine {
    private static final EngineSupport SUPPORT = EngineSupport.builder().durabilities(Durability.NONE).build();
    private static final Capabilities CAPABILITIES = Capabilities.all()
            .withGap(Capability.REPLICATION, "the in-memory baseline is one process without a log")
            .withGap(Capability.DURABLE_RESTART, "the in-memory baseline keeps nothing across a stop")
            .withGap(Capability.ISOLATION, "a single node has no peers to be cut off from")
            .withGap(Capability.SNAPSHOT_INSTALL, "a single node has no followers");

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
    public Cluster launch(ClusterSpec spec) {
        return new LocalCluster(spec, directory -> new InMemoryRuntime(spec, directory));
    }
}

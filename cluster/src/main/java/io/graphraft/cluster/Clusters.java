package io.graphraft.cluster;

import io.graphraft.cluster.agent.AgentPlacement;
import io.graphraft.cluster.process.ProcessPlacement;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.JvmFlags;
import io.graphraft.core.engine.UnsupportedSettingException;

import java.util.Optional;

/** Starts clusters of any engine in any topology. */
public final class Clusters {
    private Clusters() {
    }

    /** Why {@code engine} cannot run {@code spec} deployed as {@code deployment}, or empty if it can. */
    public static Optional<String> unsupported(Engine engine, ClusterSpec spec, Deployment deployment) {
        Optional<String> setting = engine.unsupported(spec);
        if (setting.isPresent()) {
            return setting;
        }
        if (deployment.topology() == Topology.PROCESS) {
            Optional<String> gap = engine.capabilities().gap(Capability.PROCESS_TOPOLOGY);
            if (gap.isPresent()) {
                return Optional.of("engine '" + engine.name() + "' cannot run topology=process: " + gap.get());
            }
        }
        return Optional.empty();
    }

    /**
     * Starts a cluster; its members are running when this returns, a leader may not be elected yet
     * (see {@link Cluster#awaitLeader}).
     *
     * @throws UnsupportedSettingException if the engine cannot run the spec or the deployment
     * @throws IllegalStateException if members are to run in this JVM and it lacks a flag the engine needs
     */
    public static Cluster start(Engine engine, ClusterSpec spec, Deployment deployment) {
        Optional<String> reason = unsupported(engine, spec, deployment);
        if (reason.isPresent()) {
            throw new UnsupportedSettingException(reason.get());
        }
        Placement placement = switch (deployment.topology()) {
            case JVM -> {
                JvmFlags.require(engine);
                yield new InJvmPlacement(engine, spec);
            }
            case PROCESS -> deployment.agents()
                    .<Placement>map(agents -> new AgentPlacement(agents, engine, spec, deployment.nodeJvmFlags()))
                    .orElseGet(() -> new ProcessPlacement(engine, spec, deployment.nodeJvmFlags()));
        };
        try {
            return new MemberCluster(engine, spec, placement, deployment);
        } catch (RuntimeException e) {
            placement.close();
            throw e;
        }
    }

    /** Starts a cluster with every member in this JVM, reaching each other directly. */
    public static Cluster start(Engine engine, ClusterSpec spec) {
        return start(engine, spec, Deployment.inJvm());
    }
}

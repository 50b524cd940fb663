package io.graphraft.cluster;

import io.graphraft.cluster.agent.AgentsFile;
import io.graphraft.core.engine.ClusterLayout;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a cluster is deployed, beyond what its engine is told: the topology, the link layer between
 * its members (if any), the agents that run members on other hosts, and the flags node JVMs get.
 *
 * @param topology      where members run
 * @param linkLayer     the conditions of the link layer between the members (empty: they reach each other directly)
 * @param agents        for {@link Topology#PROCESS}: agents to run the members on (empty: child JVMs of this one)
 * @param nodeJvmFlags  flags for node JVMs besides the engine's own ({@code topology=process} only)
 */
public record Deployment(Topology topology, Optional<LinkSettings> linkLayer,
                         Optional<AgentsFile> agents, List<String> nodeJvmFlags) {

    public Deployment {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(linkLayer, "linkLayer");
        Objects.requireNonNull(agents, "agents");
        nodeJvmFlags = List.copyOf(nodeJvmFlags);
        if (agents.isPresent() && topology != Topology.PROCESS) {
            throw new IllegalArgumentException("agents run members as processes: they need topology=process");
        }
    }

    /** Members in {@code topology}, reaching each other directly. */
    public static Deployment of(Topology topology) {
        return new Deployment(topology, Optional.empty(), Optional.empty(), List.of());
    }

    /** Every member in this JVM, reaching each other directly: what the lab did before topologies. */
    public static Deployment inJvm() {
        return of(Topology.JVM);
    }

    /** Peer traffic through a link layer in this JVM, with these conditions on every link. */
    public Deployment withLinkLayer(LinkSettings settings) {
        return new Deployment(topology, Optional.of(settings), agents, nodeJvmFlags);
    }

    public Deployment withAgents(AgentsFile file) {
        return new Deployment(topology, linkLayer, Optional.of(file), nodeJvmFlags);
    }

    public Deployment withNodeJvmFlags(List<String> flags) {
        return new Deployment(topology, linkLayer, agents, flags);
    }

    /** The links for a cluster laid out as {@code layout} (a single member has none to delay or cut). */
    Links links(ClusterLayout layout) {
        if (layout.size() < 2) {
            return Links.direct(layout);
        }
        return linkLayer.map(settings -> Links.linked(layout, settings)).orElseGet(() -> Links.direct(layout));
    }
}

package io.graphraft.cluster;

import io.graphraft.cluster.agent.AgentPlacement;
import io.graphraft.cluster.process.ProcessPlacement;
import io.graphraft.cluster.process.StartPhases;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.JvmFlags;
import io.graphraft.core.engine.UnsupportedSettingException;
import io.graphraft.core.util.Directories;
import io.graphraft.core.util.LoopbackPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Starts clusters of any engine in any topology. */
public final class Clusters {
    /**
     * Ports are chosen free, then bound by members later: a new cluster (none of its node directories
     * existed) whose start lost that race is started again from empty directories on other ports.
     */
    private static final int START_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(Clusters.class);

    private Clusters() {
    }

    /** Why {@code engine} cannot run {@code spec} deployed as {@code deployment}, or empty if it can. */
    public static Optional<String> unsupported(Engine engine, ClusterSpec spec, Deployment deployment) {
        Optional<String> setting = engine.unsupported(spec);
        if (setting.isPresent()) {
            return setting;
        }
        if (spec.tls() && deployment.agents().isPresent()) {
            return Optional.of("tls=on does not run on agents: the cluster's keys are made in the harness's data"
                    + " directory, and agents keep their members' files in directories of their own");
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
        List<Path> nodeDirectories = IntStream.range(0, spec.nodes()).mapToObj(spec::nodeDirectory).toList();
        boolean fresh = nodeDirectories.stream().noneMatch(Files::exists);
        for (int attempt = 1; ; attempt++) {
            Placement placement = placement(engine, spec, deployment);
            try {
                return new MemberCluster(engine, spec, placement, deployment);
            } catch (RuntimeException e) {
                placement.close();
                if (attempt >= START_ATTEMPTS || !fresh || !LoopbackPorts.taken(e)) {
                    throw e;
                }
                nodeDirectories.forEach(Directories::deleteRecursively);
                LOG.warn("{} cluster: a port chosen for a member was taken before it bound it ({}); starting again on"
                        + " other ports ({} of {})", engine.name(), e.getMessage(), attempt + 1, START_ATTEMPTS);
            }
        }
    }

    private static Placement placement(Engine engine, ClusterSpec spec, Deployment deployment) {
        return switch (deployment.topology()) {
            case JVM -> {
                JvmFlags.require(engine);
                yield new InJvmPlacement(engine, spec);
            }
            case PROCESS -> deployment.agents()
                    .<Placement>map(agents -> new AgentPlacement(agents, engine, spec, deployment.nodeJvmFlags()))
                    .orElseGet(() -> new ProcessPlacement(engine, spec, deployment.nodeJvmFlags()));
        };
    }

    /**
     * How the newest start of member {@code index} of {@code cluster} spent its time (JVM start-up, then
     * the member's own start); empty unless its members are processes of this host.
     */
    public static Optional<StartPhases> startPhases(Cluster cluster, int index) {
        return cluster instanceof MemberCluster members ? members.startPhases(index) : Optional.empty();
    }

    /** Starts a cluster with every member in this JVM, reaching each other directly. */
    public static Cluster start(Engine engine, ClusterSpec spec) {
        return start(engine, spec, Deployment.inJvm());
    }
}

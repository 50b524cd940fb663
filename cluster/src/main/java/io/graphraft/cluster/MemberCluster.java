package io.graphraft.cluster;

import io.graphraft.cluster.process.StartPhases;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.NetworkFaults;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.util.Parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cluster of members run by a {@link Placement}, linked by {@link Links}, with clients of the
 * engine's own protocol. The same class serves every topology: only the placement differs.
 */
final class MemberCluster implements Cluster {
    private final Engine engine;
    private final ClusterSpec spec;
    private final Placement placement;
    private final ClusterLayout layout;
    private final Links links;
    private final List<MemberSlot> slots;
    private final List<GraphClient> clients = new ArrayList<>();
    private final GraphClient client;
    private boolean closed;

    /** Starts every member (in parallel) and a client; the leader is elected in the background. */
    MemberCluster(Engine engine, ClusterSpec spec, Placement placement, Deployment deployment) {
        this.engine = engine;
        this.spec = spec;
        this.placement = placement;
        this.layout = new ClusterLayout(ClusterLayout.newClusterId(), placement.addresses(spec.nodes()));
        ClusterKeys.prepare(spec, layout);
        this.links = deployment.links(layout);
        List<MemberSlot> created = new ArrayList<>();
        for (int i = 0; i < spec.nodes(); i++) {
            created.add(new MemberSlot(new MemberConfig(layout, i, links.routesFrom(i)), placement, links));
        }
        this.slots = List.copyOf(created);
        try {
            Parallel.forEach(slots, MemberSlot::start);
            this.client = newClient();
        } catch (RuntimeException e) {
            closeMembers();
            throw e;
        }
    }

    Optional<StartPhases> startPhases(int index) {
        return placement.startPhases(index);
    }

    @Override
    public ClusterSpec spec() {
        return spec;
    }

    public ClusterLayout layout() {
        return layout;
    }

    @Override
    public GraphClient client() {
        return client;
    }

    @Override
    public synchronized GraphClient newClient() {
        if (closed) {
            throw new IllegalStateException("the cluster is closed");
        }
        GraphClient fresh = engine.connect(spec, layout);
        clients.add(fresh);
        return fresh;
    }

    @Override
    public List<NodeHandle> nodes() {
        return List.copyOf(slots);
    }

    @Override
    public Optional<NetworkFaults> network() {
        return links.faults();
    }

    @Override
    public Optional<String> pauseUnsupported() {
        return placement.pauseUnsupported();
    }

    /** Closes every client, then stops every member in parallel, then the links and the placement. */
    @Override
    public void close() {
        List<GraphClient> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = List.copyOf(clients);
        }
        Parallel.forEach(open, GraphClient::close);
        closeMembers();
    }

    private void closeMembers() {
        try {
            Parallel.forEach(slots, MemberSlot::stop);
        } finally {
            try {
                links.close();
            } finally {
                placement.close();
            }
        }
    }

    @Override
    public String toString() {
        return engine.name() + " " + slots + " " + placement.describe();
    }
}

package io.graphraft.copycat;

import io.atomix.catalyst.transport.Address;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.util.LoopbackPorts;
import io.graphraft.core.util.Parallel;

import java.util.ArrayList;
import java.util.List;

/** Copycat servers on 127.0.0.1 free ports, one directory each, and the clients handed out for them. */
final class CopycatCluster implements Cluster {
    private static final String LOOPBACK = "127.0.0.1";

    private final ClusterSpec spec;
    private final List<CopycatNode> nodes;
    private final List<Address> servers;
    private final CopycatGraphClient client;
    private final List<CopycatGraphClient> clients = new ArrayList<>();
    private boolean closed;

    private CopycatCluster(ClusterSpec spec, List<CopycatNode> nodes, List<Address> servers) {
        this.spec = spec;
        this.nodes = nodes;
        this.servers = servers;
        this.client = newCopycatClient();
    }

    /** Starts every server (in parallel) and returns once all listen; the leader is elected in the background. */
    static CopycatCluster start(ClusterSpec spec) {
        CopycatSettings settings = CopycatSettings.of(spec);
        List<Address> servers = LoopbackPorts.free(spec.nodes()).stream().map(port -> new Address(LOOPBACK, port)).toList();
        NetworkPartition partition = new NetworkPartition();
        List<CopycatNode> nodes = new ArrayList<>();
        for (int i = 0; i < spec.nodes(); i++) {
            nodes.add(new CopycatNode(i, servers, spec, settings, partition));
        }
        try {
            Parallel.forEach(nodes, CopycatNode::start);
        } catch (RuntimeException e) {
            Parallel.forEach(nodes, CopycatCluster::stopQuietly);
            throw e;
        }
        return new CopycatCluster(spec, List.copyOf(nodes), servers);
    }

    @Override
    public ClusterSpec spec() {
        return spec;
    }

    @Override
    public GraphClient client() {
        return client;
    }

    @Override
    public GraphClient newClient() {
        return newCopycatClient();
    }

    private synchronized CopycatGraphClient newCopycatClient() {
        if (closed) {
            throw new IllegalStateException("the copycat cluster is closed");
        }
        CopycatGraphClient fresh = new CopycatGraphClient(servers, spec);
        clients.add(fresh);
        return fresh;
    }

    @Override
    public List<NodeHandle> nodes() {
        return List.copyOf(nodes);
    }

    /** Closes every client, then stops every server in parallel; all their threads are gone when this returns. */
    @Override
    public void close() {
        List<CopycatGraphClient> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = List.copyOf(clients);
        }
        Parallel.forEach(open, CopycatGraphClient::close);
        Parallel.forEach(nodes, CopycatCluster::stopQuietly);
    }

    private static void stopQuietly(CopycatNode node) {
        try {
            node.stop();
        } catch (RuntimeException e) {
            // closing the rest matters more; a node that fails to stop has already lost its listener
        }
    }
}

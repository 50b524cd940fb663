package io.graphraft.jraft;

import com.alipay.sofa.jraft.util.Endpoint;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.util.LoopbackPorts;
import io.graphraft.core.util.Parallel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A jraft group of {@code spec.nodes()} members in this JVM on free loopback ports, one
 * {@link JraftNode} each, under a group id of its own (jraft keys its JVM-wide node registry by
 * group and address). Its members share one {@link NetworkPartition}; its clients reach them by address.
 */
final class JraftCluster implements Cluster {
    private final ClusterSpec spec;
    private final JraftSettings settings;
    private final List<Endpoint> members;
    private final List<JraftNode> nodes;
    private final List<JraftGraphClient> clients = new ArrayList<>();
    private final GraphClient client;
    private boolean closed;

    JraftCluster(ClusterSpec spec) {
        this.spec = spec;
        this.settings = new JraftSettings(spec);
        String groupId = "graph-" + UUID.randomUUID().toString().substring(0, 8);
        this.members = LoopbackPorts.free(spec.nodes()).stream()
                .map(port -> new Endpoint(JraftSettings.HOST, port))
                .toList();
        NetworkPartition partition = new NetworkPartition();
        List<JraftNode> created = new ArrayList<>();
        for (int i = 0; i < spec.nodes(); i++) {
            created.add(new JraftNode(groupId, i, members, spec, partition));
        }
        this.nodes = List.copyOf(created);
        try {
            Parallel.forEach(nodes, JraftNode::start);
            this.client = newClient();
        } catch (RuntimeException e) {
            Parallel.forEach(nodes, JraftNode::close);
            throw e;
        }
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
    public synchronized GraphClient newClient() {
        if (closed) {
            throw new IllegalStateException("the jraft cluster is closed");
        }
        JraftGraphClient created = new JraftGraphClient(spec.codec().codec(), members, settings);
        clients.add(created);
        return created;
    }

    @Override
    public List<NodeHandle> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    @Override
    public void close() {
        List<JraftGraphClient> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(clients);
        }
        toClose.forEach(JraftGraphClient::close);
        Parallel.forEach(nodes, JraftNode::close);
    }

    @Override
    public String toString() {
        return "JraftCluster" + nodes;
    }
}

package io.graphraft.ratis;

import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.util.LoopbackPorts;
import io.graphraft.core.util.Parallel;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Ratis group of {@code spec.nodes()} peers on 127.0.0.1, one {@link RatisNode} each. Peer ids
 * are {@code n<i>-<group tag>}: unique across the clusters of a JVM, which {@link PeerIsolation}
 * needs.
 */
final class RatisCluster implements Cluster {
    private final ClusterSpec spec;
    private final RatisConfig config;
    private final RaftGroup group;
    private final List<RatisNode> nodes;
    private final List<RatisGraphClient> clients = new ArrayList<>();
    private final GraphClient client;
    private boolean closed;

    RatisCluster(ClusterSpec spec) {
        this.spec = spec;
        this.config = new RatisConfig(spec);
        RaftGroupId groupId = RaftGroupId.randomId();
        String tag = groupId.getUuid().toString().substring(0, 8);
        List<Integer> ports = LoopbackPorts.free(spec.nodes());
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < spec.nodes(); i++) {
            peers.add(RaftPeer.newBuilder()
                    .setId("n" + i + "-" + tag)
                    .setAddress(RatisConfig.HOST + ":" + ports.get(i))
                    .build());
        }
        this.group = RaftGroup.valueOf(groupId, peers);
        List<RatisNode> created = new ArrayList<>();
        for (int i = 0; i < spec.nodes(); i++) {
            created.add(new RatisNode("n" + i, peers.get(i), ports.get(i), group, spec.nodeDirectory(i), spec, config));
        }
        this.nodes = List.copyOf(created);
        try {
            Parallel.forEach(nodes, RatisNode::start);
            this.client = newClient();
        } catch (RuntimeException e) {
            Parallel.forEach(nodes, RatisNode::close);
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
            throw new IllegalStateException("the ratis cluster is closed");
        }
        RatisGraphClient created = new RatisGraphClient(spec.codec().codec(), config,
                nodes.stream().map(node -> node.peer().getId()).toList(), this::connect);
        clients.add(created);
        return created;
    }

    @Override
    public List<NodeHandle> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    @Override
    public void close() {
        List<RatisGraphClient> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(clients);
        }
        toClose.forEach(RatisGraphClient::close);
        Parallel.forEach(nodes, RatisNode::close);
    }

    private RaftClient connect(RaftPeerId firstTry) {
        return RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setRaftGroup(group)
                .setLeaderId(firstTry)
                .setProperties(config.clientProperties())
                .setRetryPolicy(config.clientRetryPolicy())
                .build();
    }

    @Override
    public String toString() {
        return "RatisCluster" + nodes + " " + config.transport().label();
    }
}

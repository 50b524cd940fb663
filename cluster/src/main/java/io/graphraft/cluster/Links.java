package io.graphraft.cluster;

import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.NetworkFaults;
import io.graphraft.network.LinkLayer;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The network between the members of one cluster: either direct (members reach each other at their
 * own addresses, nothing can be cut) or a {@link LinkLayer} in this JVM with a proxy per directed
 * link, whose delays and cuts apply to every byte of peer traffic.
 */
final class Links implements AutoCloseable {
    private final ClusterLayout layout;
    private final LinkLayer layer;

    private Links(ClusterLayout layout, LinkLayer layer) {
        this.layout = layout;
        this.layer = layer;
    }

    static Links direct(ClusterLayout layout) {
        return new Links(layout, null);
    }

    static Links linked(ClusterLayout layout, LinkSettings settings) {
        LinkLayer layer = LinkLayer.start(layout.members());
        try {
            layer.setRtt(settings.rtt(), settings.jitter());
            if (settings.bytesPerSecond() > 0) {
                layer.setBandwidth(settings.bytesPerSecond());
            }
        } catch (RuntimeException e) {
            layer.close();
            throw e;
        }
        return new Links(layout, layer);
    }

    /** Where member {@code member} reaches each member, by index. */
    List<InetSocketAddress> routesFrom(int member) {
        return layer == null ? layout.members() : layer.addressesSeenBy(member);
    }

    Optional<NetworkFaults> faults() {
        return layer == null ? Optional.empty() : Optional.of(new LayerFaults(layer));
    }

    void isolate(int member) {
        faults().orElseThrow(Links::direct).isolate(member);
    }

    void rejoin(int member) {
        faults().orElseThrow(Links::direct).rejoin(member);
    }

    private static UnsupportedOperationException direct() {
        return new UnsupportedOperationException(
                "the members reach each other directly: cutting them off needs a deployment with the link layer");
    }

    @Override
    public void close() {
        if (layer != null) {
            layer.close();
        }
    }

    private record LayerFaults(LinkLayer layer) implements NetworkFaults {
        @Override
        public void cut(int from, int to) {
            layer.cut(from, to);
        }

        @Override
        public void heal(int from, int to) {
            layer.heal(from, to);
        }

        @Override
        public void isolate(int node) {
            layer.isolate(node);
        }

        @Override
        public void rejoin(int node) {
            for (int other = 0; other < layer.members(); other++) {
                if (other != node) {
                    layer.heal(node, other);
                    layer.heal(other, node);
                }
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void partition(List<Set<Integer>> sides) {
            layer.partition(sides.toArray(Set[]::new));
        }

        @Override
        public void bridge(int bridge, Set<Integer> sideA, Set<Integer> sideB) {
            layer.bridge(bridge, sideA, sideB);
        }

        @Override
        public void healAll() {
            layer.healAll();
        }
    }
}

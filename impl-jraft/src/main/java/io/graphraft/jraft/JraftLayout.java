package io.graphraft.jraft;

import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.util.Endpoint;
import io.graphraft.core.engine.ClusterLayout;

import java.net.InetSocketAddress;
import java.util.List;

/** A {@link ClusterLayout} as jraft sees it: one group (its id derived from the cluster id) with a peer per member. */
final class JraftLayout {
    private JraftLayout() {
    }

    /** The same for every member and restart of the cluster; jraft keys its JVM-wide node registry by group and address. */
    static String groupId(ClusterLayout layout) {
        return "graph-" + layout.clusterId();
    }

    /** Every member's address, by index. */
    static List<Endpoint> members(ClusterLayout layout) {
        return layout.members().stream().map(JraftLayout::endpoint).toList();
    }

    /** The group's initial configuration: every member of the layout. */
    static Configuration configuration(ClusterLayout layout) {
        return new Configuration(members(layout).stream().map(member -> new PeerId(member, 0)).toList());
    }

    /**
     * jraft's endpoint for a socket address, named by IP: jraft compares peers by the text of their
     * address, and bolt names the other end of a connection by IP.
     */
    static Endpoint endpoint(InetSocketAddress address) {
        String host = address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress();
        return new Endpoint(host, address.getPort());
    }
}

package io.graphraft.copycat;

import io.atomix.catalyst.transport.Address;
import io.atomix.copycat.client.ServerSelectionStrategy;

import java.util.ArrayList;
import java.util.List;

/**
 * Connect to the leader when it is known, else (or when it fails) to every other server. Copycat's
 * own LEADER strategy picks only from the servers the cluster reported to the client, and Copycat
 * 1.2.8 reports only members whose client address is known, which right after an election is often
 * the leader alone; a client whose leader then crashed would retry the dead leader forever.
 */
final class LeaderFirstSelection implements ServerSelectionStrategy {
    private final List<Address> cluster;

    LeaderFirstSelection(List<Address> cluster) {
        this.cluster = List.copyOf(cluster);
    }

    @Override
    public List<Address> selectConnections(Address leader, List<Address> reported) {
        List<Address> order = new ArrayList<>(cluster.size() + 1);
        if (leader != null) {
            order.add(leader);
        }
        for (Address server : cluster) {
            if (!order.contains(server)) {
                order.add(server);
            }
        }
        for (Address server : reported) {
            if (!order.contains(server)) {
                order.add(server);
            }
        }
        return order;
    }
}

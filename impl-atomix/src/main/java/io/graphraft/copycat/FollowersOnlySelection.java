package io.graphraft.copycat;

import io.atomix.catalyst.transport.Address;
import io.atomix.copycat.client.ServerSelectionStrategy;

import java.util.ArrayList;
import java.util.List;

/**
 * Connect to a server other than the leader; while the leader is unknown, to any server (the leader's
 * state machine refuses follower-only queries, and Copycat moves the connection once it hears of the
 * leader). Like {@link LeaderFirstSelection}, it picks from the whole cluster, not only from the
 * servers Copycat reported.
 */
final class FollowersOnlySelection implements ServerSelectionStrategy {
    private final List<Address> cluster;

    FollowersOnlySelection(List<Address> cluster) {
        this.cluster = List.copyOf(cluster);
    }

    @Override
    public List<Address> selectConnections(Address leader, List<Address> reported) {
        List<Address> order = new ArrayList<>(cluster.size());
        for (Address server : cluster) {
            if (!server.equals(leader)) {
                order.add(server);
            }
        }
        return order;
    }
}

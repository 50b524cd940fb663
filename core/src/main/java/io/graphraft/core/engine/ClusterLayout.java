package io.graphraft.core.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where the members of one cluster listen. Every member and every client of a cluster is given the
 * same layout: member {@code i} is called {@link #memberId(int) n<i>} and listens at
 * {@code members().get(i)}. The cluster id names the cluster across restarts (engines derive their
 * group ids from it), so a member restarted from its directory rejoins the same cluster.
 */
public record ClusterLayout(String clusterId, List<InetSocketAddress> members) {
    private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    public ClusterLayout {
        Objects.requireNonNull(clusterId, "clusterId");
        if (!CLUSTER_ID.matcher(clusterId).matches()) {
            throw new IllegalArgumentException("clusterId must be 1-64 letters, digits or '-', was '" + clusterId + "'");
        }
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a cluster layout needs at least one member");
        }
    }

    /** A fresh, random cluster id. */
    public static String newClusterId() {
        return UUID.randomUUID().toString();
    }

    /** The id of member {@code index}: {@code n<index>}. */
    public static String memberId(int index) {
        return "n" + index;
    }

    public int size() {
        return members.size();
    }

    public InetSocketAddress member(int index) {
        return members.get(index);
    }
}

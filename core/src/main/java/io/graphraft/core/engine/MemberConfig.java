package io.graphraft.core.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * What one member is told when it starts: the cluster's layout, which member it is, and the address
 * at which it reaches each member. Routes differ from the layout when a link layer sits between the
 * members (member i reaches member j through the proxy of the directed link i→j); an engine sends
 * its peer traffic to {@link #route(int)}, never to the layout's addresses, and listens at
 * {@link #listen()}.
 */
public record MemberConfig(ClusterLayout layout, int index, List<InetSocketAddress> routes) {

    public MemberConfig {
        Objects.requireNonNull(layout, "layout");
        if (index < 0 || index >= layout.size()) {
            throw new IllegalArgumentException("member index " + index + " is not in a cluster of " + layout.size());
        }
        routes = List.copyOf(routes);
        if (routes.size() != layout.size()) {
            throw new IllegalArgumentException("routes name " + routes.size() + " members, the layout " + layout.size());
        }
    }

    /** Member {@code index} reaching every peer at its own address (no link layer). */
    public static MemberConfig direct(ClusterLayout layout, int index) {
        return new MemberConfig(layout, index, layout.members());
    }

    /** This member's id, {@code n<index>}. */
    public String id() {
        return ClusterLayout.memberId(index);
    }

    /** Where this member listens. */
    public InetSocketAddress listen() {
        return layout.member(index);
    }

    /** Where this member sends its traffic for member {@code peer}. */
    public InetSocketAddress route(int peer) {
        return routes.get(peer);
    }
}

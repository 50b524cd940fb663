package io.graphraft.jraft;

import com.alipay.sofa.jraft.util.Endpoint;
import io.graphraft.core.engine.MemberConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The links from one start of one member to its peers: where it reaches each of them (its
 * {@linkplain MemberConfig#route routes}: the link layer's proxies, or the peers themselves), and
 * whether it still speaks at all. A member being stopped is {@linkplain #silence() silenced}: a crash
 * sends nothing more, in particular not the TimeoutNow with which jraft's shutdown hands leadership
 * over. One per start of a member, so a restart begins unsilenced.
 */
final class PeerLinks {
    private final Endpoint self;
    /** The route to each member, by the member's own address. */
    private final Map<Endpoint, Endpoint> routes;
    /** The member behind each route, for what bolt reports by the address it connected to. */
    private final Map<Endpoint, Endpoint> members;
    private volatile boolean silenced;

    PeerLinks(MemberConfig config) {
        List<Endpoint> addresses = JraftLayout.members(config.layout());
        Map<Endpoint, Endpoint> to = new HashMap<>();
        Map<Endpoint, Endpoint> back = new HashMap<>();
        for (int i = 0; i < addresses.size(); i++) {
            Endpoint route = JraftLayout.endpoint(config.route(i));
            to.put(addresses.get(i), route);
            back.put(route, addresses.get(i));
        }
        this.self = addresses.get(config.index());
        this.routes = Map.copyOf(to);
        this.members = Map.copyOf(back);
    }

    /** Where this member sends its traffic for {@code peer} (a peer outside the layout is reached at its own address). */
    Endpoint route(Endpoint peer) {
        return routes.getOrDefault(peer, peer);
    }

    /** The member reached at {@code route}, if it is one of this member's routes. */
    Optional<Endpoint> memberAt(Endpoint route) {
        return Optional.ofNullable(members.get(route));
    }

    /** From now on every call from this member fails as if its process were gone. */
    void silence() {
        silenced = true;
    }

    boolean silenced() {
        return silenced;
    }

    String whySilent() {
        return "member " + self + " is stopping";
    }
}

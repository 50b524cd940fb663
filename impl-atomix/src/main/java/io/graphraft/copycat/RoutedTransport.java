package io.graphraft.copycat;

import io.atomix.catalyst.transport.Address;
import io.atomix.catalyst.transport.Client;
import io.atomix.catalyst.transport.Connection;
import io.atomix.catalyst.transport.Server;
import io.atomix.catalyst.transport.Transport;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A server's transport that connects to each peer at the route its member was given (the link
 * layer's proxy for that directed link) instead of the peer's own address. Every server reaches its
 * peers only through connections it opens itself (requests out, responses back on the same
 * connection), so routing the connecting side routes all peer traffic. Clients are not routed.
 */
final class RoutedTransport implements Transport {
    private final Transport delegate;
    private final Map<Address, Address> routes;

    /** @param routes the route to take for each member's own address (members not listed are reached directly) */
    RoutedTransport(Transport delegate, Map<Address, Address> routes) {
        this.delegate = delegate;
        this.routes = Map.copyOf(routes);
    }

    @Override
    public Client client() {
        Client client = delegate.client();
        return new Client() {
            @Override
            public CompletableFuture<Connection> connect(Address peer) {
                return client.connect(routes.getOrDefault(peer, peer));
            }

            @Override
            public CompletableFuture<Void> close() {
                return client.close();
            }
        };
    }

    @Override
    public Server server() {
        return delegate.server();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

package io.graphraft.copycat;

import io.atomix.catalyst.transport.Address;
import io.atomix.catalyst.transport.Client;
import io.atomix.catalyst.transport.Connection;
import io.atomix.catalyst.transport.Server;
import io.atomix.catalyst.transport.netty.NettyOptions;
import io.atomix.catalyst.transport.netty.NettyTransport;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.ClusterTls;
import io.graphraft.network.TlsMaterial;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Catalyst's Netty transport with TLS when the spec asks for it, Nagle off, a close that does not idle (Catalyst's waits Netty's
 * two-second quiet period, two seconds added to every node stop), and a server close that survives
 * a Catalyst race: NettyServer.close() sizes an array from its connection map and then fills it
 * from the map, so a connection closing meanwhile (a peer or client going away) leaves a null that
 * makes it throw; CopycatServer.shutdown() then never completes and the server keeps running.
 * Its connections report a reset as a close ({@link ResetAsClosedConnection}).
 */
final class LoopbackNettyTransport extends NettyTransport {
    private static final long CLOSE_TIMEOUT_SECONDS = 5;
    private static final int SERVER_CLOSE_ATTEMPTS = 5;

    /**
     * A transport with {@code threads} event-loop threads; with {@code tls=on} every connection it opens
     * or accepts is TLS, with the key and certificate of {@code tlsName} from the cluster's material.
     */
    LoopbackNettyTransport(int threads, ClusterSpec spec, String tlsName) {
        super(options(threads, spec, tlsName));
    }

    private static NettyOptions options(int threads, ClusterSpec spec, String tlsName) {
        Properties properties = new Properties();
        properties.setProperty(NettyOptions.THREADS, String.valueOf(threads));
        // Catalyst's client turns TCP_NODELAY off by default: Nagle would hold back small Raft messages.
        properties.setProperty(NettyOptions.TCP_NO_DELAY, "true");
        if (spec.tls()) {
            // Catalyst's NettyTls: an SslHandler first in every pipeline, client and server; a key store is
            // mandatory on both sides, the server asks for (but does not require) the client's certificate.
            TlsMaterial tls = TlsMaterial.load(ClusterTls.directory(spec), List.of(tlsName));
            properties.setProperty(NettyOptions.SSL_ENABLED, "true");
            properties.setProperty(NettyOptions.SSL_KEY_STORE_PATH, tls.member(tlsName).keyStore().toString());
            properties.setProperty(NettyOptions.SSL_KEY_STORE_PASSWORD, tls.storePassword());
            properties.setProperty(NettyOptions.SSL_TRUST_STORE_PATH, tls.trustStore().toString());
            properties.setProperty(NettyOptions.SSL_TRUST_STORE_PASSWORD, tls.storePassword());
        }
        return new NettyOptions(properties);
    }

    @Override
    public Client client() {
        Client client = super.client();
        return new Client() {
            @Override
            public CompletableFuture<Connection> connect(Address address) {
                return client.connect(address).thenApply(ResetAsClosedConnection::new);
            }

            @Override
            public CompletableFuture<Void> close() {
                return client.close();
            }
        };
    }

    @Override
    public Server server() {
        return new RaceTolerantServer(super.server());
    }

    /** A server whose close is retried when Catalyst's NettyServer.close() trips over a connection closing meanwhile. */
    static final class RaceTolerantServer implements Server {
        private final Server server;

        RaceTolerantServer(Server server) {
            this.server = server;
        }

        @Override
        public CompletableFuture<Void> listen(Address address, Consumer<Connection> listener) {
            return server.listen(address, listener);
        }

        @Override
        public CompletableFuture<Void> close() {
            for (int attempt = 1; ; attempt++) {
                try {
                    return server.close();
                } catch (RuntimeException raced) {
                    if (attempt == SERVER_CLOSE_ATTEMPTS) {
                        throw raced;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        eventLoopGroup().shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
    }
}

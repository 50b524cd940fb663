package io.graphraft.copycat;

import io.atomix.catalyst.transport.Address;
import io.atomix.catalyst.transport.Connection;
import io.atomix.catalyst.transport.Server;
import io.atomix.catalyst.transport.netty.NettyOptions;
import io.atomix.catalyst.transport.netty.NettyTransport;

import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Catalyst's Netty transport with Nagle off, a close that does not idle (Catalyst's waits Netty's
 * two-second quiet period, two seconds added to every node stop), and a server close that survives
 * a Catalyst race: NettyServer.close() sizes an array from its connection map and then fills it
 * from the map, so a connection closing meanwhile (a peer or client going away) leaves a null that
 * makes it throw; CopycatServer.shutdown() then never completes and the server keeps running.
 */
final class LoopbackNettyTransport extends NettyTransport {
    private static final long CLOSE_TIMEOUT_SECONDS = 5;
    private static final int SERVER_CLOSE_ATTEMPTS = 5;

    LoopbackNettyTransport(int threads) {
        super(options(threads));
    }

    private static NettyOptions options(int threads) {
        Properties properties = new Properties();
        properties.setProperty(NettyOptions.THREADS, String.valueOf(threads));
        // Catalyst's client turns TCP_NODELAY off by default: Nagle would hold back small Raft messages.
        properties.setProperty(NettyOptions.TCP_NO_DELAY, "true");
        return new NettyOptions(properties);
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

package io.graphraft.copycat;

import io.atomix.catalyst.transport.netty.NettyOptions;
import io.atomix.catalyst.transport.netty.NettyTransport;

import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Catalyst's Netty transport with Nagle off and a close that does not idle: Catalyst's own close
 * waits Netty's default two-second quiet period, which would add two seconds to every node stop.
 */
final class LoopbackNettyTransport extends NettyTransport {
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

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
    public void close() {
        eventLoopGroup().shutdownGracefully(0, CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
    }
}

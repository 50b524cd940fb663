package io.graphraft.network;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty transport the link layer's event loops run on. Delays are released by scheduled tasks,
 * so the transport's timer precision is the delay's precision: NIO's event loop waits in
 * {@code Selector.select(long millis)}, rounding every wake-up up to a whole millisecond; epoll's
 * waits on a timerfd armed to the nanosecond.
 */
public enum EventLoopTransport {
    EPOLL,
    NIO;

    private static final Logger LOG = LoggerFactory.getLogger(EventLoopTransport.class);

    /** Epoll where the native transport loads (Linux x86_64), NIO elsewhere. */
    public static EventLoopTransport best() {
        if (Epoll.isAvailable()) {
            return EPOLL;
        }
        LOG.warn("native epoll transport unavailable ({}); link delays fall back to NIO's millisecond timer",
                Epoll.unavailabilityCause().toString());
        return NIO;
    }

    EventLoopGroup newGroup(int threads, String name) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory(name, true);
        return switch (this) {
            case EPOLL -> new EpollEventLoopGroup(threads, threadFactory);
            case NIO -> new NioEventLoopGroup(threads, threadFactory);
        };
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Class<? extends Channel> channel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}

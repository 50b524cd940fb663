package io.graphraft.network;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Where member {@code i} reaches member {@code j}: a TCP listener on a free loopback port that
 * forwards every connection to {@code j}'s real address. Bytes {@code i} sends cross link(i,j), the
 * replies cross link(j,i). While link(i,j) is cut the proxy still accepts connections (a partition
 * does not refuse them) and forwards nothing.
 */
final class LinkProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkProxy.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final EventLoopTransport transport;
    private final Link requests;
    private final Link replies;
    private final Supplier<InetSocketAddress> target;
    private final long maxHeldBytes;
    private final Supplier<SplittableRandom> randoms;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel listener;

    LinkProxy(EventLoopGroup group, EventLoopTransport transport, Link requests, Link replies,
              Supplier<InetSocketAddress> target, long maxHeldBytes, Supplier<SplittableRandom> randoms) {
        this.transport = transport;
        this.requests = requests;
        this.replies = replies;
        this.target = target;
        this.maxHeldBytes = maxHeldBytes;
        this.randoms = randoms;
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel accepted) {
                        connections.add(accepted);
                        connectOnward(accepted);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .syncUninterruptibly();
        listener = bound.channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    private void connectOnward(Channel accepted) {
        InetSocketAddress destination = target.get();
        new Bootstrap()
                .group(accepted.eventLoop()) // one thread for both ends: no locking in LinkDirection
                .channel(transport.channel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(destination)
                .addListener((ChannelFuture connected) -> {
                    if (connected.isSuccess()) {
                        join(accepted, connected.channel());
                    } else {
                        LOG.debug("{}: cannot reach {}; closing the accepted connection", this, destination,
                                connected.cause());
                        accepted.close();
                    }
                });
    }

    private void join(Channel accepted, Channel onward) {
        connections.add(onward);
        LinkDirection out = new LinkDirection(requests, accepted, onward, maxHeldBytes, randoms.get());
        LinkDirection back = new LinkDirection(replies, onward, accepted, maxHeldBytes, randoms.get());
        accepted.pipeline().addLast(new ProxiedChannel(out, back));
        onward.pipeline().addLast(new ProxiedChannel(back, out));
        if (!accepted.isActive() || !onward.isActive()) { // closed before the handlers could see it
            accepted.close();
            onward.close();
            return;
        }
        out.start();
        back.start();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
    }

    @Override
    public String toString() {
        return "proxy " + requests.from() + "->" + requests.to() + " at " + listener.localAddress();
    }
}

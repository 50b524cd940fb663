package io.graphraft.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One end of a proxied connection: what it reads goes out through {@code outgoing}, {@code incoming} writes into it. */
final class ProxiedChannel extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ProxiedChannel.class);

    private final LinkDirection outgoing;
    private final LinkDirection incoming;

    ProxiedChannel(LinkDirection outgoing, LinkDirection incoming) {
        this.outgoing = outgoing;
        this.incoming = incoming;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        outgoing.received((ByteBuf) message);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        outgoing.readComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        incoming.targetWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        outgoing.sourceEnded();
        incoming.targetClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("proxied connection {} failed; closing it", ctx.channel(), cause);
        ctx.close();
    }
}

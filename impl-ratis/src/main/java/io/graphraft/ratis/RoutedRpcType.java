package io.graphraft.ratis;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.rpc.RpcFactory;
import org.apache.ratis.rpc.RpcType;

/**
 * Ratis's Netty RPC with each server's peer traffic sent to the routes its member was given (the
 * link layer's proxies), see {@link RoutedServerRpc}. Ratis instantiates this class by name from
 * {@code raft.rpc.type}; the routes come in the server's {@link Parameters}.
 */
public final class RoutedRpcType implements RpcType {

    @Override
    public String name() {
        return getClass().getName();
    }

    @Override
    public RpcFactory newFactory(Parameters parameters) {
        return new RoutedServerFactory(parameters);
    }
}

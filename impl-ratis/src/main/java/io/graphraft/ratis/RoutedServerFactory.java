package io.graphraft.ratis;

import org.apache.ratis.client.ClientFactory;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.netty.NettyFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerRpc;
import org.apache.ratis.server.ServerFactory;

import java.net.InetSocketAddress;
import java.util.List;

/** Netty's factory with the server RPC wrapped in a {@link RoutedServerRpc}. */
final class RoutedServerFactory implements ServerFactory, ClientFactory {
    /** The member's routes, by member index, in the server's Parameters. */
    static final String ROUTES = RoutedServerFactory.class.getName() + ".routes";

    private final NettyFactory netty;
    private final List<InetSocketAddress> routes;

    @SuppressWarnings("unchecked")
    RoutedServerFactory(Parameters parameters) {
        this.netty = new NettyFactory(parameters);
        this.routes = (List<InetSocketAddress>) parameters.get(ROUTES, List.class);
    }

    static Parameters parameters(List<InetSocketAddress> routes) {
        Parameters parameters = new Parameters();
        parameters.put(ROUTES, List.copyOf(routes), List.class);
        return parameters;
    }

    @Override
    public RpcType getRpcType() {
        return new RoutedRpcType();
    }

    @Override
    public RaftServerRpc newRaftServerRpc(RaftServer server) {
        return new RoutedServerRpc(netty.newRaftServerRpc(server), routes);
    }

    @Override
    public RaftClientRpc newRaftClientRpc(ClientId clientId, RaftProperties properties) {
        return netty.newRaftClientRpc(clientId, properties);
    }
}

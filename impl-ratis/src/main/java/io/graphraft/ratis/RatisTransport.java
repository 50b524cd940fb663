package io.graphraft.ratis;

import io.graphraft.core.engine.UnsupportedSettingException;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.rpc.SupportedRpcType;

import java.util.Arrays;
import java.util.Locale;

/** The Ratis RPC implementation peers and clients talk through: engine option {@code rpc}. */
enum RatisTransport {
    NETTY(SupportedRpcType.NETTY),
    GRPC(SupportedRpcType.GRPC);

    static final String OPTION = "rpc";
    static final RatisTransport DEFAULT = NETTY;

    private final SupportedRpcType rpcType;

    RatisTransport(SupportedRpcType rpcType) {
        this.rpcType = rpcType;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The RPC type clients use. */
    SupportedRpcType rpcType() {
        return rpcType;
    }

    /** The RPC type servers use: Netty's follows the member's routes ({@link RoutedRpcType}). */
    RpcType serverRpcType() {
        return followsRoutes() ? new RoutedRpcType() : rpcType;
    }

    /** Whether servers send their peer traffic to the routes their member was given. */
    boolean followsRoutes() {
        return this == NETTY;
    }

    /** Whether the RPC can encrypt with TLS (Ratis 3.3.0's Netty RPC cannot: only its DataStream has TLS). */
    boolean hasTls() {
        return this == GRPC;
    }

    /** Whether a follower can answer a linearizable read (it asks the leader for a read index; Netty lacks that RPC). */
    boolean servesFollowerReadIndex() {
        return this == GRPC;
    }

    /** Makes a server listen on {@code host:port} only (Ratis binds to its properties, not to the peer address). */
    void bind(RaftProperties properties, String host, int port) {
        switch (this) {
            case NETTY -> {
                NettyConfigKeys.Server.setHost(properties, host);
                NettyConfigKeys.Server.setPort(properties, port);
            }
            case GRPC -> {
                GrpcConfigKeys.Server.setHost(properties, host);
                GrpcConfigKeys.Server.setPort(properties, port);
            }
        }
    }

    static RatisTransport parse(String label) {
        for (RatisTransport transport : values()) {
            if (transport.label().equals(label)) {
                return transport;
            }
        }
        throw new UnsupportedSettingException("engine 'ratis' option '" + OPTION + "' does not accept '" + label
                + "' (accepted: " + Arrays.stream(values()).map(RatisTransport::label).toList() + ")");
    }
}

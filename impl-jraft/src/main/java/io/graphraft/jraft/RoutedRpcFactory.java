package io.graphraft.jraft;

import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.rpc.impl.BoltRaftRpcFactory;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcClient;
import com.alipay.sofa.jraft.util.SPI;

/**
 * jraft's bolt RPC factory, except that the RPC client jraft creates for a member's peer traffic
 * (votes, appends, snapshot files, read indexes, pings, TimeoutNow) is a {@link RoutedRpcClient}
 * over that member's {@link PeerLinks}: its routes, and the silence behind a crash-like stop.
 * Other clients (ours, CLI) are bolt's own.
 *
 * <p>jraft loads its RPC factory once per JVM through its SPI ({@code META-INF/services}), taking the
 * highest {@link SPI#priority()}; bolt's has the default 0. A member checks at start that this
 * factory is in use ({@link JraftMember} refuses to start otherwise, so a lost service file cannot
 * silently send peer traffic around the link layer).
 */
@SPI(name = "graphraft-routed-bolt", priority = 100)
public final class RoutedRpcFactory extends BoltRaftRpcFactory {

    /** The member whose node is creating its RPC client. */
    private record MemberClient(PeerLinks links) implements ConfigHelper<RpcClient> {
        @Override
        public void config(RpcClient instance) {
            // nothing to configure: the links wrap the client instead
        }
    }

    /**
     * jraft passes a member's own NodeOptions here when it creates that member's client
     * ({@code AbstractClientService.initRpcClient}, with the options the node was initialized with).
     */
    @Override
    public ConfigHelper<RpcClient> defaultJRaftClientConfigHelper(RpcOptions options) {
        if (options instanceof MemberNodeOptions member) {
            return new MemberClient(member.links());
        }
        return super.defaultJRaftClientConfigHelper(options);
    }

    @Override
    public RpcClient createRpcClient(ConfigHelper<RpcClient> helper) {
        if (helper instanceof MemberClient member) {
            return new RoutedRpcClient((BoltRpcClient) super.createRpcClient(null), member.links());
        }
        return super.createRpcClient(helper);
    }
}

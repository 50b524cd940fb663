package io.graphraft.jraft;

import com.alipay.remoting.ConnectionEventType;
import com.alipay.sofa.jraft.ReplicatorGroup;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.error.ConnectionFailureException;
import com.alipay.sofa.jraft.error.RemotingException;
import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.InvokeCallback;
import com.alipay.sofa.jraft.rpc.InvokeContext;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcClient;
import com.alipay.sofa.jraft.util.Endpoint;

import java.util.concurrent.Executor;

/**
 * A member's RPC client to its peers (bolt's) that sends every call for a member to the route its
 * {@link PeerLinks} name for it: jraft passes the peer's own address to each call, which is
 * rewritten here, so the link layer carries all of this member's peer traffic. Once the member is
 * silenced (a crash-like stop) it refuses every call at once, as if its process were gone, and
 * drops the answers still coming in.
 */
final class RoutedRpcClient implements RpcClient {
    private final BoltRpcClient delegate;
    private final PeerLinks links;

    RoutedRpcClient(BoltRpcClient delegate, PeerLinks links) {
        this.delegate = delegate;
        this.links = links;
    }

    @Override
    public boolean init(RpcOptions options) {
        return delegate.init(options);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public boolean checkConnection(Endpoint endpoint) {
        return !links.silenced() && delegate.checkConnection(links.route(endpoint));
    }

    @Override
    public boolean checkConnection(Endpoint endpoint, boolean createIfAbsent) {
        return !links.silenced() && delegate.checkConnection(links.route(endpoint), createIfAbsent);
    }

    @Override
    public void closeConnection(Endpoint endpoint) {
        delegate.closeConnection(links.route(endpoint));
    }

    /**
     * What jraft's own listener does (a leader retries a replicator that failed to start once a
     * connection to that peer is made), except that bolt names the connection by the route it
     * connected to, which is mapped back to the member here.
     */
    @Override
    public void registerConnectEventListener(ReplicatorGroup replicatorGroup) {
        delegate.getRpcClient().addConnectionEventProcessor(ConnectionEventType.CONNECT, (remoteAddress, connection) -> {
            PeerId route = new PeerId();
            if (route.parse(remoteAddress)) {
                links.memberAt(route.getEndpoint())
                        .ifPresent(member -> replicatorGroup.checkReplicator(new PeerId(member, 0), true));
            }
        });
    }

    @Override
    public Object invokeSync(Endpoint endpoint, Object request, InvokeContext context, long timeoutMs)
            throws InterruptedException, RemotingException {
        requireSpeaking();
        Object response = delegate.invokeSync(links.route(endpoint), request, context, timeoutMs);
        requireSpeaking();
        return response;
    }

    @Override
    public void invokeAsync(Endpoint endpoint, Object request, InvokeContext context, InvokeCallback callback,
                            long timeoutMs) throws InterruptedException, RemotingException {
        requireSpeaking();
        delegate.invokeAsync(links.route(endpoint), request, context, new InvokeCallback() {
            @Override
            public void complete(Object result, Throwable error) {
                if (error == null && links.silenced()) {
                    callback.complete(null, new ConnectionFailureException(links.whySilent()));
                } else {
                    callback.complete(result, error);
                }
            }

            @Override
            public Executor executor() {
                return callback.executor();
            }
        }, timeoutMs);
    }

    private void requireSpeaking() throws ConnectionFailureException {
        if (links.silenced()) {
            throw new ConnectionFailureException(links.whySilent());
        }
    }
}

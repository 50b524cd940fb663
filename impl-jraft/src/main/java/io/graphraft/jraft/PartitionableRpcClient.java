package io.graphraft.jraft;

import com.alipay.sofa.jraft.ReplicatorGroup;
import com.alipay.sofa.jraft.error.ConnectionFailureException;
import com.alipay.sofa.jraft.error.RemotingException;
import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.InvokeCallback;
import com.alipay.sofa.jraft.rpc.InvokeContext;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.util.Endpoint;

import java.util.concurrent.Executor;

/**
 * A member's RPC client to its peers that refuses every call across a cut link at once, as a
 * closed port would, and drops answers that come back after the link was cut. Refusing rather
 * than silently losing requests keeps heal prompt: a request lost into a cut would hold jraft's
 * replicator until the RPC timeout (minutes for snapshot installs), while real TCP would
 * retransmit it after the heal. Packet loss and delay belong to a link layer, not to this cut.
 */
final class PartitionableRpcClient implements RpcClient {
    private final RpcClient delegate;
    private final PeerLinks links;

    PartitionableRpcClient(RpcClient delegate, PeerLinks links) {
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
        return links.open(endpoint) && delegate.checkConnection(endpoint);
    }

    @Override
    public boolean checkConnection(Endpoint endpoint, boolean createIfAbsent) {
        return links.open(endpoint) && delegate.checkConnection(endpoint, createIfAbsent);
    }

    @Override
    public void closeConnection(Endpoint endpoint) {
        delegate.closeConnection(endpoint);
    }

    @Override
    public void registerConnectEventListener(ReplicatorGroup replicatorGroup) {
        delegate.registerConnectEventListener(replicatorGroup);
    }

    @Override
    public Object invokeSync(Endpoint endpoint, Object request, InvokeContext context, long timeoutMs)
            throws InterruptedException, RemotingException {
        requireOpen(endpoint);
        Object response = delegate.invokeSync(endpoint, request, context, timeoutMs);
        requireOpen(endpoint);
        return response;
    }

    @Override
    public void invokeAsync(Endpoint endpoint, Object request, InvokeContext context, InvokeCallback callback,
                            long timeoutMs) throws InterruptedException, RemotingException {
        requireOpen(endpoint);
        delegate.invokeAsync(endpoint, request, context, new InvokeCallback() {
            @Override
            public void complete(Object result, Throwable error) {
                if (error == null && !links.open(endpoint)) {
                    callback.complete(null, new ConnectionFailureException(links.why(endpoint)));
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

    private void requireOpen(Endpoint endpoint) throws ConnectionFailureException {
        if (!links.open(endpoint)) {
            throw new ConnectionFailureException(links.why(endpoint));
        }
    }
}

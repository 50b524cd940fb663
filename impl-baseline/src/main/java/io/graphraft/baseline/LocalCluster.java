package io.graphraft.baseline;

import io.graphraft.core.codec.Codec;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.ReadConsistency;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** A one-node cluster without Raft: clients call the node directly, in process. */
final class LocalCluster implements Cluster {
    private final ClusterSpec spec;
    private final LocalNode node;
    private final GraphClient client;

    LocalCluster(ClusterSpec spec, Function<Path, LocalRuntime> opener) {
        this.spec = spec;
        this.node = new LocalNode(spec.nodeDirectory(0), opener);
        this.client = new LocalClient();
    }

    @Override
    public ClusterSpec spec() {
        return spec;
    }

    @Override
    public GraphClient client() {
        return client;
    }

    @Override
    public GraphClient newClient() {
        return new LocalClient();
    }

    @Override
    public List<NodeHandle> nodes() {
        return List.of(node);
    }

    @Override
    public void close() {
        node.stop();
    }

    /** Reads are served from the only copy, so LOCAL and LINEARIZABLE are the same. */
    private final class LocalClient implements GraphClient {
        @Override
        public Codec codec() {
            return spec.codec().codec();
        }

        @Override
        public CompletableFuture<byte[]> submitEncoded(byte[] command) {
            try {
                return node.runtime().submit(command)
                        .orTimeout(spec.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(LocalClient::unavailable);
            } catch (EngineUnavailableException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private static byte[] unavailable(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof EngineUnavailableException || cause instanceof IllegalArgumentException) {
                throw (RuntimeException) cause; // refused before it was written: the caller's mistake, not the node's
            }
            if (cause instanceof TimeoutException) {
                throw new EngineUnavailableException("no answer within the request timeout", cause);
            }
            throw new EngineUnavailableException("write failed: " + cause, cause);
        }

        @Override
        public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
            try {
                return CompletableFuture.completedFuture(node.runtime().stateMachine().query(query));
            } catch (EngineUnavailableException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }
}

package io.graphraft.baseline;

import io.graphraft.core.codec.Codec;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.ReadConsistency;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The baselines have no network protocol: a client calls its cluster's member in the same JVM,
 * found here by cluster id (the member started last for that id; a restart replaces it).
 */
final class LocalMembers {
    private static final Map<String, LocalMember> RUNNING = new ConcurrentHashMap<>();

    private LocalMembers() {
    }

    static LocalMember start(ClusterSpec spec, MemberConfig config, Function<Path, LocalRuntime> opener) {
        String clusterId = config.layout().clusterId();
        LocalMember member = new LocalMember(spec.nodeDirectory(config.index()), opener,
                closed -> RUNNING.remove(clusterId, closed));
        RUNNING.put(clusterId, member);
        return member;
    }

    static GraphClient client(ClusterSpec spec, ClusterLayout layout) {
        return new LocalClient(spec, layout.clusterId());
    }

    private static LocalRuntime runtime(String clusterId) {
        LocalMember member = RUNNING.get(clusterId);
        if (member == null) {
            throw new EngineUnavailableException("node n0 is not running");
        }
        return member.runtime();
    }

    /** Reads are served from the only copy, so LOCAL, LEASE and LINEARIZABLE are the same; it is no follower. */
    private record LocalClient(ClusterSpec spec, String clusterId) implements GraphClient {
        @Override
        public Codec codec() {
            return spec.codec().codec();
        }

        @Override
        public CompletableFuture<byte[]> submitEncoded(byte[] command) {
            try {
                return runtime(clusterId).submit(command)
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
            if (consistency == ReadConsistency.FOLLOWER) {
                return CompletableFuture.failedFuture(new EngineUnavailableException(
                        "a single node has no followers to read from"));
            }
            try {
                return CompletableFuture.completedFuture(runtime(clusterId).stateMachine().query(query));
            } catch (EngineUnavailableException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }
}

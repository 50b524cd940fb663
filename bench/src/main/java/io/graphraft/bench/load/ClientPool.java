package io.graphraft.bench.load;

import io.graphraft.core.client.BatchPolicy;
import io.graphraft.core.client.BatchingGraphClient;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several independent clients of one cluster, used in turn, so that a benchmark with many requests
 * in flight measures the engine and not one client's window (Ratis's async client, for one, bounds
 * its outstanding requests). With client batching the writers share one batching client instead, as
 * an application's threads would share one: it coalesces whatever they have queued into one entry.
 */
public final class ClientPool implements AutoCloseable {
    public static final int MAX_CLIENTS = 8;

    private final List<GraphClient> clients = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final boolean batching;

    /** {@code size} clients (at most {@value #MAX_CLIENTS}); the first is the cluster's own. */
    public ClientPool(Cluster cluster, int size) {
        this(cluster, size, Optional.empty());
    }

    /**
     * Without {@code batching}: {@code size} clients as {@link #ClientPool(Cluster, int)}. With it: one
     * {@link BatchingGraphClient} over the cluster's own client, whatever the size.
     */
    public ClientPool(Cluster cluster, int size, Optional<BatchPolicy> batching) {
        this.batching = batching.isPresent();
        if (this.batching) {
            clients.add(BatchingGraphClient.batching(cluster.client(), batching.get()));
            return;
        }
        int count = Math.max(1, Math.min(size, MAX_CLIENTS));
        clients.add(cluster.client());
        for (int i = 1; i < count; i++) {
            clients.add(cluster.newClient());
        }
    }

    public GraphClient client(int index) {
        return clients.get(index % clients.size());
    }

    public CompletableFuture<Result> submitNext(Command command) {
        return client(Math.floorMod(next.getAndIncrement(), clients.size())).submit(command);
    }

    public CompletableFuture<Result> readNext(Query query, ReadConsistency consistency) {
        return client(Math.floorMod(next.getAndIncrement(), clients.size())).read(query, consistency);
    }

    int size() {
        return clients.size();
    }

    /** Closes the clients this pool opened; the cluster's own client stays with the cluster. */
    @Override
    public void close() {
        clients.stream().skip(batching ? 0 : 1).forEach(GraphClient::close);
    }
}

package io.graphraft.copycat;

import io.atomix.catalyst.concurrent.Listener;
import io.atomix.catalyst.concurrent.ThreadContext;
import io.atomix.catalyst.transport.Address;
import io.atomix.catalyst.transport.Client;
import io.atomix.catalyst.transport.Connection;
import io.atomix.catalyst.transport.Server;
import io.atomix.catalyst.transport.Transport;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A server's transport that drops its traffic to and from peers cut off by a {@link NetworkPartition}:
 * a real in-process partition. Every server reaches its peers only through connections it opens
 * itself (requests out, responses back on the same connection), so filtering each server's outgoing
 * side on "either end isolated" cuts both directions. A dropped request fails the way a lost packet
 * does, with a timeout after Catalyst's request timeout; connecting across the cut fails likewise.
 * Clients are not partitioned: an isolated server stays reachable to them, as in a real partition
 * between data-centre peers.
 */
final class PartitionableTransport implements Transport {
    private final Transport delegate;
    private final Address self;
    private final NetworkPartition partition;
    private final Duration dropTimeout;

    PartitionableTransport(Transport delegate, Address self, NetworkPartition partition, Duration dropTimeout) {
        this.delegate = delegate;
        this.self = self;
        this.partition = partition;
        this.dropTimeout = dropTimeout;
    }

    @Override
    public Client client() {
        return new PartitionableClient(delegate.client());
    }

    @Override
    public Server server() {
        return delegate.server();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /**
     * A future that fails with {@code error} after the drop timeout, on the caller's Catalyst thread.
     * Never complete synchronously: Copycat's connection manager would see the completion inside its
     * own map update.
     */
    private <T> CompletableFuture<T> failLater(Exception error) {
        CompletableFuture<T> future = new CompletableFuture<>();
        ThreadContext.currentContextOrThrow().schedule(dropTimeout, () -> future.completeExceptionally(error));
        return future;
    }

    /** A future completed on the caller's Catalyst thread once the current task is done. */
    private static CompletableFuture<Void> succeedLater() {
        CompletableFuture<Void> future = new CompletableFuture<>();
        ThreadContext.currentContextOrThrow().executor().execute(() -> future.complete(null));
        return future;
    }

    private final class PartitionableClient implements Client {
        private final Client client;

        PartitionableClient(Client client) {
            this.client = client;
        }

        @Override
        public CompletableFuture<Connection> connect(Address peer) {
            if (partition.cut(self, peer)) {
                return failLater(new ConnectException("partitioned: " + self + " cannot reach " + peer));
            }
            return client.connect(peer).thenApply(connection -> new PartitionableConnection(connection, peer));
        }

        @Override
        public CompletableFuture<Void> close() {
            return client.close();
        }
    }

    private final class PartitionableConnection implements Connection {
        private final Connection connection;
        private final Address peer;

        PartitionableConnection(Connection connection, Address peer) {
            this.connection = connection;
            this.peer = peer;
        }

        @Override
        public CompletableFuture<Void> send(Object message) {
            if (partition.cut(self, peer)) {
                return succeedLater(); // sent, and lost on the way
            }
            return connection.send(message);
        }

        @Override
        public <T, U> CompletableFuture<U> sendAndReceive(T request) {
            if (partition.cut(self, peer)) {
                return failLater(new TimeoutException("request dropped: " + self + " is partitioned from " + peer));
            }
            CompletableFuture<U> response = new CompletableFuture<>();
            connection.<T, U>sendAndReceive(request).whenComplete((value, error) -> {
                if (error != null) {
                    response.completeExceptionally(error);
                } else if (partition.cut(self, peer)) {
                    response.completeExceptionally(new TimeoutException(
                            "response dropped: " + self + " was partitioned from " + peer));
                } else {
                    response.complete(value);
                }
            });
            return response;
        }

        @Override
        public <T, U> Connection handler(Class<T> type, Consumer<T> handler) {
            connection.handler(type, handler);
            return this;
        }

        @Override
        public <T, U> Connection handler(Class<T> type, Function<T, CompletableFuture<U>> handler) {
            connection.handler(type, handler);
            return this;
        }

        @Override
        public Listener<Throwable> onException(Consumer<Throwable> listener) {
            return connection.onException(listener);
        }

        /** Listeners get this wrapper, which is what Copycat keeps in its connection maps. */
        @Override
        public Listener<Connection> onClose(Consumer<Connection> listener) {
            return connection.onClose(closed -> listener.accept(this));
        }

        @Override
        public CompletableFuture<Void> close() {
            return connection.close();
        }
    }
}

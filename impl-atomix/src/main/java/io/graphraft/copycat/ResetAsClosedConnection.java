package io.graphraft.copycat;

import io.atomix.catalyst.concurrent.Listener;
import io.atomix.catalyst.transport.Connection;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A Catalyst connection whose requests, when the peer resets the connection, fail the way they fail
 * when the peer closes it: with a {@link ConnectException}.
 *
 * <p>Why: a member killed by SIGKILL often resets its clients' connections instead of closing them.
 * Catalyst then fails the pending requests with the raw {@code SocketException("Connection reset")},
 * which Copycat 1.2.8's client does not count as a connection failure: it fails the command and
 * at once resubmits a no-op of the same sequence through the same broken connection, which fails
 * again, in a loop that spins a core and never reaches the new leader (seen as a failover that
 * never completes in {@code topology=process}). A {@link ConnectException} is what Catalyst reports
 * for a closed connection, and Copycat answers it as intended: drop the connection, try the next
 * server, resend the command under its sequence number (the leader applies it once).
 */
final class ResetAsClosedConnection implements Connection {
    private final Connection connection;

    ResetAsClosedConnection(Connection connection) {
        this.connection = connection;
    }

    @Override
    public CompletableFuture<Void> send(Object message) {
        return asClosedOnReset(connection.send(message));
    }

    @Override
    public <T, U> CompletableFuture<U> sendAndReceive(T message) {
        return asClosedOnReset(connection.sendAndReceive(message));
    }

    private static <U> CompletableFuture<U> asClosedOnReset(CompletableFuture<U> request) {
        CompletableFuture<U> answer = new CompletableFuture<>();
        request.whenComplete((value, error) -> {
            if (error == null) {
                answer.complete(value);
            } else {
                answer.completeExceptionally(asClosedOnReset(error));
            }
        });
        return answer;
    }

    static Throwable asClosedOnReset(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof IOException && !(cause instanceof ConnectException) && !(cause instanceof ClosedChannelException)) {
            ConnectException closed = new ConnectException("connection lost: " + cause.getMessage());
            closed.initCause(cause);
            return closed;
        }
        return error;
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

    @Override
    public Listener<Connection> onClose(Consumer<Connection> listener) {
        return connection.onClose(closed -> listener.accept(this));
    }

    @Override
    public CompletableFuture<Void> close() {
        return connection.close();
    }
}

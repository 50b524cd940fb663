package io.graphraft.copycat;

import io.atomix.catalyst.concurrent.SingleThreadContext;
import io.atomix.catalyst.concurrent.ThreadContext;
import io.atomix.catalyst.serializer.Serializer;
import io.atomix.catalyst.transport.Address;
import io.atomix.catalyst.transport.Client;
import io.atomix.catalyst.transport.Transport;
import io.atomix.catalyst.transport.netty.NettyTransport;
import io.graphraft.core.engine.ClusterSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer that resets the connection while a request is outstanding (what a SIGKILLed member's
 * socket often does): through Catalyst's own transport the request fails with a raw
 * SocketException, which Copycat's client does not retry; through ours, with a ConnectException.
 */
class ResetAsClosedConnectionTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private ServerSocket resettingPeer;
    private Thread peer;
    private ThreadContext context;

    @BeforeEach
    void startResettingPeer() throws IOException {
        resettingPeer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        peer = new Thread(this::acceptReadAndReset, "resetting-peer");
        peer.setDaemon(true);
        peer.start();
        context = new SingleThreadContext("reset-test-%d", new Serializer());
    }

    @AfterEach
    void stop() throws Exception {
        resettingPeer.close();
        peer.join(LIMIT.toMillis());
        context.close();
    }

    /** Reads the first request's bytes, then closes with SO_LINGER 0: the kernel answers with RST. */
    private void acceptReadAndReset() {
        while (!resettingPeer.isClosed()) {
            try (Socket socket = resettingPeer.accept()) {
                int first = socket.getInputStream().read();
                if (first >= 0) {
                    socket.setSoLinger(true, 0);
                }
            } catch (IOException closedOrReset) {
                // the test is over, or the client went first: accept the next one
            }
        }
    }

    @Test
    void catalystsOwnTransportFailsTheRequestWithARawSocketException() throws Exception {
        NettyTransport netty = new NettyTransport();
        try {
            assertThat(requestFailure(netty)).isInstanceOf(SocketException.class).isNotInstanceOf(ConnectException.class);
        } finally {
            netty.close();
        }
    }

    @Test
    void ourTransportFailsTheRequestAsAClosedConnection() throws Exception {
        LoopbackNettyTransport ours = new LoopbackNettyTransport(1, ClusterSpec.builder(directory).build(), "client");
        try {
            Throwable failure = requestFailure(ours);
            assertThat(failure).isInstanceOf(ConnectException.class);
            assertThat(failure.getCause()).isInstanceOf(SocketException.class);
        } finally {
            ours.close();
        }
    }

    @Test
    void otherFailuresPassUnchanged() {
        IllegalStateException notAConnectionFailure = new IllegalStateException("refused");
        assertThat(ResetAsClosedConnection.asClosedOnReset(notAConnectionFailure)).isSameAs(notAConnectionFailure);
        ConnectException alreadyClosed = new ConnectException("connection closed");
        assertThat(ResetAsClosedConnection.asClosedOnReset(alreadyClosed)).isSameAs(alreadyClosed);
    }

    /** Connects through the transport, sends one request and returns what it failed with. */
    private Throwable requestFailure(Transport transport) throws Exception {
        Client client = transport.client();
        Address address = new Address("127.0.0.1", resettingPeer.getLocalPort());
        CompletableFuture<Object> answer = new CompletableFuture<>();
        context.execute(() -> client.connect(address).whenComplete((connection, refused) -> {
            if (refused != null) {
                answer.completeExceptionally(new AssertionError("could not connect", refused));
                return;
            }
            connection.sendAndReceive("ping").whenComplete((value, error) -> {
                if (error != null) {
                    answer.completeExceptionally(error);
                } else {
                    answer.complete(value);
                }
            });
        }));
        try {
            Object unexpected = answer.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the reset peer answered: " + unexpected);
        } catch (ExecutionException failed) {
            return failed.getCause();
        } finally {
            CompletableFuture.supplyAsync(client::close, context::execute).thenCompose(closing -> closing)
                    .get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}

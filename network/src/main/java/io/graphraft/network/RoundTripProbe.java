package io.graphraft.network;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The network floor: round trips of a 64-byte message over TCP on loopback between a client and an
 * echo server in two threads of this JVM, TCP_NODELAY on both sockets, after a warm-up.
 *
 * <p>What one sample includes: a {@code write} and a {@code read} system call on each side, the
 * kernel's TCP/IP path over loopback twice (request and reply), JVM NIO overhead and two
 * {@code System.nanoTime} calls. With {@link Waiting#BUSY_POLL} both threads spin on non-blocking
 * reads, so a sample excludes any thread wake-up: that is the physical floor of a round trip on this
 * host. With {@link Waiting#BLOCKING} each thread sleeps in {@code read} until data arrives, so a
 * sample adds two wake-ups (scheduler, and on a VM whose other vCPU is halted, an inter-processor
 * interrupt that exits to the hypervisor), which is what a message to an event loop blocked in
 * {@code epoll_wait} pays, and varies with how idle the machine is. What it never includes: message
 * encoding, an RPC framework, the engine's threads. Busy polling keeps both threads on a CPU for the
 * probe's duration (a fraction of a second).
 */
public final class RoundTripProbe {
    public static final int MESSAGE_BYTES = 64;
    private static final int SIGNIFICANT_DIGITS = 3;

    /** How the client and the echo server wait for bytes. */
    public enum Waiting {
        /** Spin on non-blocking reads: no thread ever sleeps. */
        BUSY_POLL,
        /** Block in {@code read}: every message wakes a sleeping thread. */
        BLOCKING
    }

    /** What one probe measured. */
    public record Result(Waiting waiting, String path, int warmup, Histogram nanos) {
        public double p50Micros() {
            return nanos.getValueAtPercentile(50) / 1000.0;
        }

        public double p99Micros() {
            return nanos.getValueAtPercentile(99) / 1000.0;
        }

        public double maxMicros() {
            return nanos.getMaxValue() / 1000.0;
        }

        /** For env.json: mode, path, sizes, p50/p90/p99/max in microseconds. */
        public Map<String, Object> summary() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("waiting", waiting.name());
            summary.put("path", path);
            summary.put("messageBytes", MESSAGE_BYTES);
            summary.put("warmup", warmup);
            summary.put("samples", nanos.getTotalCount());
            summary.put("p50Micros", p50Micros());
            summary.put("p90Micros", nanos.getValueAtPercentile(90) / 1000.0);
            summary.put("p99Micros", p99Micros());
            summary.put("maxMicros", maxMicros());
            return summary;
        }

        @Override
        public String toString() {
            return String.format("%s %s: p50 %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us (%d samples after %d warm-up)",
                    waiting, path, p50Micros(), nanos.getValueAtPercentile(90) / 1000.0, p99Micros(), maxMicros(),
                    nanos.getTotalCount(), warmup);
        }
    }

    private RoundTripProbe() {
    }

    /** Client and echo server connected directly over loopback. */
    public static Result loopback(Waiting waiting, int warmup, int samples) {
        try (EchoServer echo = EchoServer.start(waiting)) {
            return measure(echo.address(), waiting, "direct", warmup, samples);
        }
    }

    /**
     * Round trips to an {@link EchoServer} at {@code target} (directly, or through whatever forwards
     * to it, such as a {@link LinkLayer} proxy); {@code path} names the route in the result.
     */
    public static Result measure(InetSocketAddress target, Waiting waiting, String path, int warmup, int samples) {
        if (warmup < 0 || samples < 1) {
            throw new IllegalArgumentException("warmup must be >= 0 and samples >= 1, got " + warmup + " and " + samples);
        }
        if (waiting == Waiting.BUSY_POLL && Runtime.getRuntime().availableProcessors() < 2) {
            throw new IllegalStateException("busy polling needs two CPUs (client and echo spin at once); this JVM may use "
                    + Runtime.getRuntime().availableProcessors() + ": measure BLOCKING instead");
        }
        Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
        try (SocketChannel client = SocketChannel.open()) {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            client.connect(target);
            client.configureBlocking(waiting == Waiting.BLOCKING);
            ByteBuffer message = ByteBuffer.allocateDirect(MESSAGE_BYTES);
            for (int i = 0; i < warmup; i++) {
                roundTrip(client, message);
            }
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                roundTrip(client, message);
                histogram.recordValue(System.nanoTime() - start);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("round-trip probe to " + target + " failed", e);
        }
        return new Result(waiting, path, warmup, histogram);
    }

    private static void roundTrip(SocketChannel channel, ByteBuffer message) throws IOException {
        message.clear();
        writeFully(channel, message);
        message.clear();
        readFully(channel, message);
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** In non-blocking mode this spins on {@code read} (no Thread.onSpinWait: PAUSE loops can exit to the hypervisor). */
    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("peer closed the connection mid-message");
            }
        }
    }

    /** Echoes every {@link #MESSAGE_BYTES}-byte message back, one connection at a time, waiting the given way. */
    public static final class EchoServer implements AutoCloseable {
        private final ServerSocketChannel server;
        private final Waiting waiting;
        private final Thread thread;
        private volatile SocketChannel current;

        private EchoServer(Waiting waiting) throws IOException {
            this.waiting = waiting;
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(this::serve, "round-trip-echo");
            thread.setDaemon(true);
            thread.start();
        }

        public static EchoServer start(Waiting waiting) {
            try {
                return new EchoServer(waiting);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the echo server", e);
            }
        }

        public InetSocketAddress address() {
            try {
                return (InetSocketAddress) server.getLocalAddress();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void serve() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(MESSAGE_BYTES);
            while (server.isOpen()) {
                try (SocketChannel connection = server.accept()) {
                    current = connection;
                    connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    connection.configureBlocking(waiting == Waiting.BLOCKING);
                    while (true) {
                        buffer.clear();
                        readFully(connection, buffer);
                        buffer.flip();
                        writeFully(connection, buffer);
                    }
                } catch (IOException closed) {
                    // the client went away or the server closed: serve the next one, if any
                }
            }
        }

        @Override
        public void close() {
            try {
                server.close();
                SocketChannel connection = current;
                if (connection != null) {
                    connection.close();
                }
                thread.join(5_000);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the echo server", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.graphraft.core.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports, for engines whose peers must know each other's addresses before any of them
 * binds. The ports come from below the kernel's ephemeral range, so that no outgoing connection
 * can be given one of them as its local port between the moment they are chosen and the moment a
 * member binds (with a JVM starting in between, that window is seconds long, and a cluster's
 * members open many connections). Each is checked free by binding it; all are held together so
 * they are distinct, then released. A port can still be taken before its member binds it (by
 * another process, or on a host whose whole port range is ephemeral): {@link #taken} tells such a
 * failure apart, so that whoever chose the ports can choose again.
 */
public final class LoopbackPorts {
    /** 127.0.0.1 as a literal address: its host string is the IP, never a name that might resolve elsewhere. */
    public static final InetAddress IPV4 = ipv4();
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    /** Linux's default lowest ephemeral port, assumed where the kernel's own setting cannot be read. */
    private static final int LINUX_EPHEMERAL_LOW = 32_768;
    private static final int ATTEMPTS = 1_000;
    private static final int MAX_CAUSES = 32;

    private LoopbackPorts() {
    }

    private static InetAddress ipv4() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} distinct free ports on 127.0.0.1. */
    public static List<Integer> free(int count) {
        return free(IPV4, count);
    }

    /** {@code count} distinct free ports on {@code host}. */
    public static List<Integer> free(InetAddress host, int count) {
        int ceiling = ephemeralLow();
        List<ServerSocket> held = new ArrayList<>(count);
        try {
            for (int attempt = 0; held.size() < count && attempt < ATTEMPTS; attempt++) {
                int port = ceiling > LOWEST ? ThreadLocalRandom.current().nextInt(LOWEST, ceiling) : 0;
                try {
                    held.add(new ServerSocket(port, 1, host));
                } catch (IOException taken) {
                    // in use: try another
                }
            }
            if (held.size() < count) {
                throw new UncheckedIOException(new IOException("found only " + held.size() + " of " + count
                        + " free ports on " + host.getHostAddress() + " below " + ceiling));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way
                }
            }
        }
    }

    /**
     * Whether {@code failure} (or one of its causes) says a port was already in use: a member could
     * not bind the port chosen for it. Engines wrap the {@link BindException} or only keep its message.
     */
    public static boolean taken(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** The lowest port the kernel hands to outgoing connections (Linux's default where it cannot be read). */
    private static int ephemeralLow() {
        try {
            // Not Files.readString: /proc reports a size of 0, and it returns the first byte only.
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return LINUX_EPHEMERAL_LOW;
        }
    }
}

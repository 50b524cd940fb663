package io.graphraft.bench.floor;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** The network floor: a 64-byte request and reply over loopback TCP, to an echo server on a free port. */
public final class LoopbackEcho implements AutoCloseable {
    public static final int MESSAGE_BYTES = 64;

    private final ServerSocket server;
    private final Thread echo;
    private final Socket client;
    private final OutputStream out;
    private final DataInputStream in;
    private final byte[] message = new byte[MESSAGE_BYTES];

    public LoopbackEcho() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        echo = new Thread(this::serve, "loopback-echo");
        echo.setDaemon(true);
        echo.start();
        client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        client.setTcpNoDelay(true);
        out = client.getOutputStream();
        in = new DataInputStream(client.getInputStream());
    }

    /** One round trip; returns its duration in nanoseconds. */
    public long roundTrip() throws IOException {
        long start = System.nanoTime();
        out.write(message);
        out.flush();
        in.readFully(message);
        return System.nanoTime() - start;
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            socket.setTcpNoDelay(true);
            InputStream from = socket.getInputStream();
            OutputStream to = socket.getOutputStream();
            byte[] buffer = new byte[MESSAGE_BYTES];
            while (true) {
                new DataInputStream(from).readFully(buffer);
                to.write(buffer);
                to.flush();
            }
        } catch (IOException closed) {
            // the client closed: the echo ends
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.close();
    }
}

package io.graphraft.cluster.process;

import java.net.InetSocketAddress;

/** {@code host:port} strings for socket addresses, as launch files and agents exchange them. */
public final class Addresses {
    private Addresses() {
    }

    public static String format(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** @throws IllegalArgumentException if {@code text} is not {@code host:port} */
    public static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not host:port");
        }
        try {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not host:port: " + e.getMessage(), e);
        }
    }
}

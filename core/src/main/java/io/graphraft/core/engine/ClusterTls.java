package io.graphraft.core.engine;

import java.nio.file.Path;

/**
 * Where a cluster with {@code tls=on} keeps its keys and certificates: made once per cluster by the
 * harness that starts it (before any member), in the cluster's own data directory, one key and
 * certificate per member (named by {@link MemberConfig#id()}) and one for {@link #CLIENT}s, all
 * signed by the cluster's own CA. Members and clients of every topology that shares the data
 * directory read them from there.
 */
public final class ClusterTls {
    /** The name of the key and certificate the engine's clients present. */
    public static final String CLIENT = "client";

    private ClusterTls() {
    }

    /** {@code <dataDirectory>/tls}. */
    public static Path directory(ClusterSpec spec) {
        return spec.dataDirectory().resolve("tls");
    }
}

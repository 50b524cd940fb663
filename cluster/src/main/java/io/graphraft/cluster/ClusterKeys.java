package io.graphraft.cluster;

import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.ClusterTls;
import io.graphraft.network.TlsMaterial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a {@code tls=on} cluster's keys and certificates before its members start: a CA of its own,
 * one key per member and one for its clients, in {@link ClusterTls#directory} (a cluster started
 * again on the same data directory keeps the material it had).
 */
public final class ClusterKeys {
    private ClusterKeys() {
    }

    /** Makes (or, if already there, checks) the material for every member of {@code layout} and the clients. */
    public static void prepare(ClusterSpec spec, ClusterLayout layout) {
        if (!spec.tls()) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            names.add(ClusterLayout.memberId(i));
        }
        names.add(ClusterTls.CLIENT);
        Path directory = ClusterTls.directory(spec);
        if (TlsMaterial.exists(directory)) {
            TlsMaterial.load(directory, names);
        } else {
            TlsMaterial.generate(directory, names);
        }
    }
}

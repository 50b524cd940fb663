package io.graphraft.cluster;

import io.graphraft.core.engine.ClusterLayout;

import java.net.InetSocketAddress;
import java.util.List;

/** The network between the members of a cluster: the route each member takes to each peer, and the faults on it. */
public interface Links extends AutoCloseable {

    /** Where member {@code member} reaches each member, by index. */
    List<InetSocketAddress> routesFrom(int member);

    /** Cuts every link to and from {@code member}. */
    void isolate(int member);

    /** Restores every link to and from {@code member}. */
    void heal(int member);

    @Override
    void close();

    /** Members reaching each other directly: nothing can be cut. */
    static Links direct(ClusterLayout layout) {
        return new Links() {
            @Override
            public List<InetSocketAddress> routesFrom(int member) {
                return layout.members();
            }

            @Override
            public void isolate(int member) {
                throw new UnsupportedOperationException("members reach each other directly: a cut needs the link layer");
            }

            @Override
            public void heal(int member) {
                isolate(member);
            }

            @Override
            public void close() {
            }
        };
    }
}

package io.graphraft.jraft;

import com.alipay.sofa.jraft.util.Endpoint;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which members of the clusters in this JVM are cut off from their peers; consulted by every member's {@link PeerLinks}. */
final class NetworkPartition {
    private final Set<Endpoint> isolated = ConcurrentHashMap.newKeySet();

    void isolate(Endpoint member) {
        isolated.add(member);
    }

    void heal(Endpoint member) {
        isolated.remove(member);
    }

    /** Whether traffic from {@code from} to {@code to} is cut. */
    boolean cut(Endpoint from, Endpoint to) {
        return !from.equals(to) && (isolated.contains(from) || isolated.contains(to));
    }
}

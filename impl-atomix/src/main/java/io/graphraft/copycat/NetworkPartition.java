package io.graphraft.copycat;

import io.atomix.catalyst.transport.Address;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which servers of a cluster are cut off from their peers; shared by every server's transport. */
final class NetworkPartition {
    private final Set<Address> isolated = ConcurrentHashMap.newKeySet();

    void isolate(Address server) {
        isolated.add(server);
    }

    void heal(Address server) {
        isolated.remove(server);
    }

    /** Whether traffic between {@code from} and {@code to} is dropped. */
    boolean cut(Address from, Address to) {
        return !from.equals(to) && (isolated.contains(from) || isolated.contains(to));
    }
}

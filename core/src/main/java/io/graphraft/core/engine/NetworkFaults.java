package io.graphraft.core.engine;

import java.util.List;
import java.util.Set;

/**
 * Faults on the network between a cluster's nodes, where a link layer carries their peer traffic.
 * Nodes are named by index ({@code n<i>} is {@code i}); a cut is per directed link and behaves like
 * a partition (bytes are held, connections stay open), not like a refused connection. Clients are
 * never cut off.
 */
public interface NetworkFaults {

    /** Stops traffic from {@code from} to {@code to}; traffic the other way still flows. */
    void cut(int from, int to);

    /** Restores traffic from {@code from} to {@code to}. */
    void heal(int from, int to);

    /** Cuts every link to and from {@code node}. */
    void isolate(int node);

    /** Restores every link to and from {@code node}. */
    void rejoin(int node);

    /** Cuts every link between nodes of different sides, which together name every node once; links within a side flow. */
    void partition(List<Set<Integer>> sides);

    /** A bridge partition: {@code bridge} reaches both sides, the sides do not reach each other. */
    void bridge(int bridge, Set<Integer> sideA, Set<Integer> sideB);

    /** Restores every link. */
    void healAll();
}

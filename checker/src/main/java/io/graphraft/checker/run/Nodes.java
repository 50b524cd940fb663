package io.graphraft.checker.run;

import io.graphraft.core.engine.ClusterLayout;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** How reports name nodes (by index, as {@link io.graphraft.core.engine.NetworkFaults} does) and sets of them. */
final class Nodes {
    private Nodes() {
    }

    static String name(int index) {
        return ClusterLayout.memberId(index);
    }

    /** {@code {n0,n2}} */
    static String set(Collection<Integer> indices) {
        return indices.stream().sorted().map(Nodes::name).collect(Collectors.joining(",", "{", "}"));
    }

    /** {@code {n0} | {n1,n2}} */
    static String sides(List<Set<Integer>> sides) {
        return sides.stream().map(Nodes::set).collect(Collectors.joining(" | "));
    }
}

package io.graphraft.bench.load;

import io.graphraft.core.command.Command;
import io.graphraft.core.engine.GraphClient;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A graph with a power-law degree distribution, as real graphs have: a few hubs, many leaves. Grown by
 * preferential attachment (Barabási–Albert): node {@code i} links to {@code edgesPerNode} distinct earlier
 * nodes, each picked with probability proportional to its degree plus one, so the well linked get more
 * links. Every choice comes from one {@link SplittableRandom} of the seed: the same seed gives the same graph.
 * Edges point from the newer node to the older one, so hubs are reached by IN (and BOTH) edges.
 */
public final class PowerLawGraph {
    public static final int DEFAULT_EDGES_PER_NODE = 3;
    public static final long DEFAULT_SEED = 42;

    private final int nodes;
    private final int[] from;
    private final int[] to;

    private PowerLawGraph(int nodes, int[] from, int[] to) {
        this.nodes = nodes;
        this.from = from;
        this.to = to;
    }

    /**
     * @throws IllegalArgumentException naming the parameter if {@code nodes} or {@code edgesPerNode} is below 1
     */
    public static PowerLawGraph generate(int nodes, int edgesPerNode, long seed) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be at least 1, was " + nodes);
        }
        if (edgesPerNode < 1) {
            throw new IllegalArgumentException("edgesPerNode must be at least 1, was " + edgesPerNode);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int capacity = Math.toIntExact((long) nodes * edgesPerNode);
        int[] from = new int[capacity];
        int[] to = new int[capacity];
        // Every edge's two ends, once each: picking uniformly from here picks a node in proportion to its degree.
        int[] ends = new int[2 * capacity];
        int edges = 0;
        int[] picked = new int[edgesPerNode];
        for (int node = 2; node <= nodes; node++) {
            int earlier = node - 1;
            int wanted = Math.min(edgesPerNode, earlier);
            int count = 0;
            while (count < wanted) {
                // degree + 1: an index into the ends is a pick by degree, one past them a uniform pick among earlier nodes
                int draw = random.nextInt(2 * edges + earlier);
                int target = draw < 2 * edges ? ends[draw] : 1 + draw - 2 * edges;
                if (!contains(picked, count, target)) {
                    picked[count++] = target;
                }
            }
            for (int k = 0; k < count; k++) {
                from[edges] = node;
                to[edges] = picked[k];
                ends[2 * edges] = node;
                ends[2 * edges + 1] = picked[k];
                edges++;
            }
        }
        return new PowerLawGraph(nodes, Arrays.copyOf(from, edges), Arrays.copyOf(to, edges));
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    public int nodes() {
        return nodes;
    }

    public int edges() {
        return from.length;
    }

    /** The source node id of edge {@code index} (0-based, in creation order). */
    public long from(int index) {
        return from[index];
    }

    public long to(int index) {
        return to[index];
    }

    /** Each node's degree (edges touching it, either direction), at index {@code id - 1}. */
    public int[] degrees() {
        int[] degrees = new int[nodes];
        for (int i = 0; i < from.length; i++) {
            degrees[from[i] - 1]++;
            degrees[to[i] - 1]++;
        }
        return degrees;
    }

    /** Loads the graph through {@code client} into an empty cluster: node ids 1..{@link #nodes()}, in batch entries. */
    public void load(GraphClient client) {
        Iterator<Command> edges = IntStream.range(0, from.length)
                .mapToObj(i -> (Command) Command.CreateEdge.of(from[i], to[i], "KNOWS", Map.of())).iterator();
        GraphLoader.load(client, nodes, edges);
    }
}

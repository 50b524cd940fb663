package io.graphraft.bench.load;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.model.Direction;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

import java.util.Map;

/**
 * The requests of a {@link WorkloadMix}, one after another, in the proportions of its shares and with
 * its key choice over the preloaded graph (nodes 1..graphNodes, edges 1..graphNodes × edgesPerNode,
 * as {@link GraphLoader} creates them). The same seed gives the same sequence.
 */
public final class MixedOperations {
    /** One request: a read query or a write command. */
    public sealed interface Operation permits Read, Write {
    }

    public record Read(WorkloadMix.ReadKind kind, Query query) implements Operation {
    }

    public record Write(WorkloadMix.WriteKind kind, Command command) implements Operation {
    }

    private final WorkloadMix mix;
    private final RandomGenerator random;
    private final KeyChooser nodes;
    private final KeyChooser edges;
    private long updates;

    public MixedOperations(WorkloadMix mix, long seed) {
        this.mix = mix;
        this.random = new Well19937c(seed);
        this.nodes = mix.preloads() ? new KeyChooser(mix.keys(), mix.graphNodes(), random) : null;
        long edgeCount = (long) mix.graphNodes() * mix.edgesPerNode();
        this.edges = edgeCount > 0 ? new KeyChooser(mix.keys(), (int) Math.min(edgeCount, Integer.MAX_VALUE), random) : null;
    }

    public Operation next() {
        int draw = random.nextInt(100);
        for (Map.Entry<WorkloadMix.ReadKind, Integer> read : mix.reads().entrySet()) {
            draw -= read.getValue();
            if (draw < 0) {
                return new Read(read.getKey(), query(read.getKey()));
            }
        }
        for (Map.Entry<WorkloadMix.WriteKind, Integer> write : mix.writes().entrySet()) {
            draw -= write.getValue();
            if (draw < 0) {
                return new Write(write.getKey(), command(write.getKey()));
            }
        }
        throw new IllegalStateException("shares of workload '" + mix.name() + "' do not sum to 100");
    }

    private Query query(WorkloadMix.ReadKind kind) {
        return switch (kind) {
            case GET_NODE -> new Query.GetNode(nodes.next());
            case GET_EDGE -> new Query.GetEdge(edges.next());
            case NEIGHBORS -> new Query.Neighbors(nodes.next(), Direction.OUT);
            case COUNT -> new Query.Count();
        };
    }

    private Command command(WorkloadMix.WriteKind kind) {
        return switch (kind) {
            case CREATE_NODE -> WriteCommands.CREATE_NODE;
            case UPDATE_NODE -> Command.UpdateNode.of(nodes.next(), Map.of("score", ++updates));
            case CREATE_EDGE -> Command.CreateEdge.of(nodes.next(), nodes.next(), "KNOWS", Map.of("w", 1.0));
        };
    }
}

package io.graphraft.bench.load;

import io.graphraft.cluster.Clusters;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.model.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PowerLawGraphTest {

    private static long[] edges(PowerLawGraph graph) {
        long[] pairs = new long[2 * graph.edges()];
        for (int i = 0; i < graph.edges(); i++) {
            pairs[2 * i] = graph.from(i);
            pairs[2 * i + 1] = graph.to(i);
        }
        return pairs;
    }

    @Test
    void theSameSeedGivesTheSameGraphAndAnotherSeedAnother() {
        PowerLawGraph graph = PowerLawGraph.generate(2000, 3, 7);
        assertThat(edges(PowerLawGraph.generate(2000, 3, 7))).isEqualTo(edges(graph));
        assertThat(edges(PowerLawGraph.generate(2000, 3, 8))).isNotEqualTo(edges(graph));
    }

    @Test
    void everyNewNodeLinksToDistinctEarlierNodes() {
        PowerLawGraph graph = PowerLawGraph.generate(500, 3, 1);
        assertThat(graph.edges()).isEqualTo(0 + 1 + 2 + 497 * 3); // nodes 2 and 3 have fewer earlier nodes than 3
        Set<Long> pairs = new HashSet<>();
        for (int i = 0; i < graph.edges(); i++) {
            assertThat(graph.to(i)).isBetween(1L, graph.from(i) - 1);
            assertThat(pairs.add(graph.from(i) * 1_000_000 + graph.to(i))).as("edge %d is no duplicate", i).isTrue();
        }
    }

    /** Uniform attachment would give a max degree a few times the median; preferential attachment gives hubs. */
    @Test
    void aFewHubsAndManyLeaves() {
        int[] degrees = PowerLawGraph.generate(10_000, 3, PowerLawGraph.DEFAULT_SEED).degrees();
        int[] sorted = degrees.clone();
        Arrays.sort(sorted);
        int median = sorted[sorted.length / 2];
        int max = sorted[sorted.length - 1];
        assertThat(median).isBetween(3, 6);
        assertThat(max).as("the biggest hub against the median node").isGreaterThan(20 * median);
        long leaves = Arrays.stream(degrees).filter(d -> d <= 2 * 3).count();
        assertThat(leaves).as("most nodes have about the edges they made").isGreaterThan(degrees.length / 2);
    }

    @Test
    void badSizesAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> PowerLawGraph.generate(0, 3, 1)).hasMessageContaining("nodes");
        assertThatThrownBy(() -> PowerLawGraph.generate(10, 0, 1)).hasMessageContaining("edgesPerNode");
    }

    @Test
    void loadsThroughTheClientAsGenerated(@TempDir Path dir) {
        PowerLawGraph graph = PowerLawGraph.generate(2500, 2, 3);
        try (Cluster cluster = Clusters.start(Engines.byName("baseline"),
                ClusterSpec.builder(dir).durability(Durability.NONE).build())) {
            graph.load(cluster.client());
            assertThat(cluster.client().read(new Query.Count(), ReadConsistency.LINEARIZABLE).join())
                    .isEqualTo(new Result.Counts(graph.nodes(), graph.edges()));
            int hub = 0;
            int[] degrees = graph.degrees();
            for (int i = 1; i < degrees.length; i++) {
                hub = degrees[i] > degrees[hub] ? i : hub;
            }
            Result neighbors = cluster.client().read(new Query.Neighbors(hub + 1, Direction.BOTH), ReadConsistency.LINEARIZABLE)
                    .join();
            assertThat(((Result.NeighborIds) neighbors).ids()).hasSize(degrees[hub]);
        }
    }
}

package io.graphraft.bench.load;

import io.graphraft.bench.load.WorkloadMix.KeyChoice;
import io.graphraft.bench.load.WorkloadMix.ReadKind;
import io.graphraft.bench.load.WorkloadMix.WriteKind;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.ReadConsistency;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WorkloadMixTest {
    private static final int DRAWS = 100_000;

    @Test
    void presetsSendTheirSharesOverManyDraws() {
        assertShares("a", Map.of(ReadKind.GET_NODE, 40, ReadKind.NEIGHBORS, 10), Map.of(WriteKind.UPDATE_NODE, 50));
        assertShares("b", Map.of(ReadKind.GET_NODE, 75, ReadKind.NEIGHBORS, 20), Map.of(WriteKind.UPDATE_NODE, 5));
        assertShares("c", Map.of(ReadKind.GET_NODE, 80, ReadKind.NEIGHBORS, 20), Map.of());
        assertShares("ingest", Map.of(ReadKind.GET_NODE, 10), Map.of(WriteKind.CREATE_NODE, 50, WriteKind.CREATE_EDGE, 40));
        assertShares("writes", Map.of(), Map.of(WriteKind.CREATE_NODE, 100));
    }

    private static void assertShares(String preset, Map<ReadKind, Integer> reads, Map<WriteKind, Integer> writes) {
        MixedOperations operations = new MixedOperations(WorkloadMix.named(preset), 42);
        Map<Enum<?>, Integer> counts = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            MixedOperations.Operation operation = operations.next();
            Enum<?> kind = operation instanceof MixedOperations.Read r ? r.kind() : ((MixedOperations.Write) operation).kind();
            counts.merge(kind, 1, Integer::sum);
        }
        Map<Enum<?>, Integer> expected = new HashMap<>(reads);
        expected.putAll(writes);
        assertThat(counts.keySet()).as(preset).isEqualTo(expected.keySet());
        expected.forEach((kind, percent) -> assertThat(100.0 * counts.get(kind) / DRAWS).as(preset + " " + kind)
                .isCloseTo(percent, within(0.6)));
    }

    @Test
    void theSameSeedSendsTheSameRequests() {
        WorkloadMix b = WorkloadMix.named("b");
        assertThat(draw(new MixedOperations(b, 7), 1000)).isEqualTo(draw(new MixedOperations(b, 7), 1000))
                .isNotEqualTo(draw(new MixedOperations(b, 8), 1000));
    }

    @Test
    void requestsNameOnlyPreloadedNodesAndEdges() {
        WorkloadMix mix = new WorkloadMix("all", Map.of(ReadKind.GET_NODE, 20, ReadKind.GET_EDGE, 20, ReadKind.NEIGHBORS, 10,
                ReadKind.COUNT, 10), Map.of(WriteKind.UPDATE_NODE, 20, WriteKind.CREATE_EDGE, 20),
                KeyChoice.zipfian(0.99), ReadConsistency.LINEARIZABLE, 50, 2);
        for (MixedOperations.Operation operation : draw(new MixedOperations(mix, 1), 20_000)) {
            if (operation instanceof MixedOperations.Read read) {
                if (read.query() instanceof Query.GetNode q) {
                    assertThat(q.id()).isBetween(1L, 50L);
                } else if (read.query() instanceof Query.GetEdge q) {
                    assertThat(q.id()).isBetween(1L, 100L);
                } else if (read.query() instanceof Query.Neighbors q) {
                    assertThat(q.id()).isBetween(1L, 50L);
                } else {
                    assertThat(read.query()).isInstanceOf(Query.Count.class);
                }
            } else {
                Command command = ((MixedOperations.Write) operation).command();
                if (command instanceof Command.UpdateNode u) {
                    assertThat(u.id()).isBetween(1L, 50L);
                } else {
                    Command.CreateEdge e = (Command.CreateEdge) command;
                    assertThat(List.of(e.from(), e.to())).allSatisfy(id -> assertThat(id).isBetween(1L, 50L));
                }
            }
        }
    }

    @Test
    void zipfianKeysAreSkewedAndUniformOnesAreNot() {
        int keys = 1000;
        int[] zipf = histogram(new KeyChooser(KeyChoice.zipfian(WorkloadMix.YCSB_ZIPF_EXPONENT), keys, new Well19937c(3)), keys);
        int[] uniform = histogram(new KeyChooser(KeyChoice.UNIFORM, keys, new Well19937c(3)), keys);
        assertThat(zipf[1]).as("hottest zipfian key vs the median key's count")
                .isGreaterThan(50 * Math.max(1, median(zipf)));
        assertThat(maxIndex(zipf)).isEqualTo(1);
        assertThat(uniform[maxIndex(uniform)]).as("most frequent uniform key vs the median")
                .isLessThan(2 * median(uniform));
    }

    private static int[] histogram(KeyChooser chooser, int keys) {
        int[] counts = new int[keys + 1];
        for (int i = 0; i < DRAWS; i++) {
            long key = chooser.next();
            assertThat(key).isBetween(1L, (long) keys);
            counts[(int) key]++;
        }
        return counts;
    }

    private static int median(int[] counts) {
        return java.util.Arrays.stream(counts, 1, counts.length).sorted().toArray()[(counts.length - 1) / 2];
    }

    private static int maxIndex(int[] counts) {
        int best = 1;
        for (int i = 1; i < counts.length; i++) {
            best = counts[i] > counts[best] ? i : best;
        }
        return best;
    }

    @Test
    void unknownPresetsAndBadSharesAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> WorkloadMix.named("z")).hasMessageContaining("unknown workload 'z'")
                .hasMessageContaining("[writes, a, b, c, ingest]");
        assertThatThrownBy(() -> new WorkloadMix("x", Map.of(ReadKind.GET_NODE, 60), Map.of(WriteKind.CREATE_NODE, 30),
                KeyChoice.UNIFORM, ReadConsistency.LOCAL, 10, 1)).hasMessageContaining("sum to 100").hasMessageContaining("90");
        assertThatThrownBy(() -> new WorkloadMix("x", Map.of(ReadKind.GET_NODE, 110), Map.of(WriteKind.CREATE_NODE, -10),
                KeyChoice.UNIFORM, ReadConsistency.LOCAL, 10, 1)).hasMessageContaining("0..100").hasMessageContaining("110");
        assertThatThrownBy(() -> new WorkloadMix("x", Map.of(ReadKind.GET_NODE, 50), Map.of(WriteKind.CREATE_NODE, 50),
                KeyChoice.UNIFORM, ReadConsistency.LOCAL, 0, 0)).hasMessageContaining("preloaded graph");
        assertThatThrownBy(() -> KeyChoice.zipfian(0)).hasMessageContaining("exponent must be positive, was 0.0");
    }

    @Test
    void aMixOfOnesOwnLoadsFromAJsonFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("mine.json"), """
                {"name": "mine", "reads": {"GET_NODE": 70, "GET_EDGE": 20}, "writes": {"CREATE_EDGE": 10},
                 "keys": {"zipfian": true, "exponent": 0.8}, "consistency": "LEASE", "graphNodes": 500, "edgesPerNode": 2}
                """);
        WorkloadMix mine = WorkloadMix.named(file.toString());
        assertThat(mine).isEqualTo(new WorkloadMix("mine", Map.of(ReadKind.GET_NODE, 70, ReadKind.GET_EDGE, 20),
                Map.of(WriteKind.CREATE_EDGE, 10), KeyChoice.zipfian(0.8), ReadConsistency.LEASE, 500, 2));
        assertThat(mine.readShare()).isEqualTo(90);

        Path badKind = Files.writeString(dir.resolve("bad-kind.json"), """
                {"name": "x", "reads": {"GET_NODES": 100}, "writes": {}, "keys": {"zipfian": false},
                 "consistency": "LINEARIZABLE", "graphNodes": 10, "edgesPerNode": 0}
                """);
        assertThatThrownBy(() -> WorkloadMix.named(badKind.toString())).hasMessageContaining(badKind.toString())
                .hasMessageContaining("\"GET_NODES\"").hasMessageContaining("NEIGHBORS").hasMessageContaining("COUNT");
        Path badSum = Files.writeString(dir.resolve("bad-sum.json"), """
                {"name": "x", "reads": {"GET_NODE": 50}, "writes": {}, "keys": {"zipfian": false},
                 "consistency": "LINEARIZABLE", "graphNodes": 10, "edgesPerNode": 0}
                """);
        assertThatThrownBy(() -> WorkloadMix.named(badSum.toString())).hasMessageContaining(badSum.toString())
                .hasMessageContaining("sum to 100 percent, were 50");
        assertThatThrownBy(() -> WorkloadMix.named(dir.resolve("none.json").toString()))
                .hasMessageContaining("none.json").hasMessageContaining("cannot be read");
    }

    @Test
    void aMixNeedsTheReadLevelItReads() {
        WorkloadMix followerReads = new WorkloadMix("f", Map.of(ReadKind.GET_NODE, 100), Map.of(), KeyChoice.UNIFORM,
                ReadConsistency.FOLLOWER, 10, 0);
        assertThat(followerReads.unmetBy(Engines.byName("baseline"))).get().asString()
                .contains("FOLLOWER_READ").contains("baseline");
        assertThat(WorkloadMix.named("b").unmetBy(Engines.byName("baseline"))).isEmpty();
        assertThat(WorkloadMix.named("writes").unmetBy(Engines.byName("baseline"))).isEmpty();
    }

    private static List<MixedOperations.Operation> draw(MixedOperations operations, int count) {
        List<MixedOperations.Operation> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(operations.next());
        }
        return out;
    }
}

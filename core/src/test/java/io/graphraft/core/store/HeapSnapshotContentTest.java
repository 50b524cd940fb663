package io.graphraft.core.store;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.model.Direction;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.statemachine.OpenedStateMachines;
import io.graphraft.core.statemachine.SnapshotException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The heap store keeps records encoded and loads a snapshot by splitting its blocks: snapshots of
 * the build before still restore (and equal graphs still give equal bytes), and content that passes
 * its checksums but is wrong (as a faulty writer would produce) is refused, naming what is wrong,
 * with the state before kept.
 */
class HeapSnapshotContentTest {
    @TempDir
    Path temp;

    @RegisterExtension
    final OpenedStateMachines machines = new OpenedStateMachines();

    private GraphStateMachine open(StoreKind kind) {
        return machines.open(kind, temp);
    }

    @Test
    void aSnapshotWrittenByTheBuildBeforeRestoresAndTheSameGraphGivesTheSameBytes() throws IOException {
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream(GoldenGraph.RESOURCE)) {
            assertThat(in).as(GoldenGraph.RESOURCE).isNotNull();
            golden = in.readAllBytes();
        }
        GraphStateMachine built = open(StoreKind.HEAP);
        long last = GoldenGraph.build(built);

        GraphStateMachine restored = open(StoreKind.HEAP);
        restored.restoreSnapshot(new ByteArrayInputStream(golden));
        assertSameGraph(restored, built, 300, 600);
        assertThat(restored.lastAppliedIndex()).isEqualTo(last);
        assertThat(restored.sessionCount()).isEqualTo(1);
        assertThat(snapshot(built)).isEqualTo(golden);
        assertThat(snapshot(restored)).isEqualTo(golden);
    }

    /** The adjacency built at load time is what later deletes walk: both stores, after a snapshot, change alike. */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aRestoredGraphTakesDeletesAndNewEdgesLikeTheGraphItCameFrom(StoreKind kind) throws IOException {
        GraphStateMachine source = open(kind);
        long index = GoldenGraph.build(source);
        GraphStateMachine restored = open(kind);
        restored.restoreSnapshot(new ByteArrayInputStream(snapshot(source)));
        List<Command> changes = List.of(new Command.DeleteNode(1), new Command.DeleteNode(3), new Command.DeleteEdge(600),
                Command.CreateEdge.of(2, 2, "AGAIN", Map.of("x", 1L)), Command.CreateEdge.of(4, 7, "NEW", Map.of()),
                new Command.DeleteNode(7), Command.UpdateNode.of(2, Map.of("s", "changed")));
        for (Command change : changes) {
            index++;
            assertThat(restored.apply(index, change)).isEqualTo(source.apply(index, change));
        }
        assertSameGraph(restored, source, 300, 610);
        assertThat(restored.query(new Query.Count())).isEqualTo(source.query(new Query.Count()));
    }

    /** Few nodes spread over many ids: the load indexes edges by appending rather than counting per id first. */
    @Test
    void aGraphWithSparseNodeIdsRestoresItsAdjacency() throws IOException {
        GraphStateMachine source = open(StoreKind.HEAP);
        long index = 0;
        List<Command> creates = new ArrayList<>();
        for (int i = 0; i < 80_000; i++) {
            creates.add(Command.CreateNode.of("N", Map.of()));
        }
        source.apply(++index, new Command.Batch(creates));
        List<Command> deletes = new ArrayList<>();
        for (long id = 3; id < 79_999; id++) {
            deletes.add(new Command.DeleteNode(id));
        }
        source.apply(++index, new Command.Batch(deletes));
        long[][] edges = {{1, 80_000}, {80_000, 1}, {2, 2}, {79_999, 1}, {1, 2}, {80_000, 79_999}};
        for (long[] edge : edges) {
            source.apply(++index, Command.CreateEdge.of(edge[0], edge[1], "E", Map.of()));
        }
        GraphStateMachine restored = open(StoreKind.HEAP);
        restored.restoreSnapshot(new ByteArrayInputStream(snapshot(source)));
        assertThat(restored.query(new Query.Digest())).isEqualTo(source.query(new Query.Digest()));
        for (long id : new long[] {1, 2, 79_999, 80_000}) {
            for (Direction direction : Direction.values()) {
                assertThat(restored.query(new Query.Neighbors(id, direction))).as("neighbors %s of %d", direction, id)
                        .isEqualTo(source.query(new Query.Neighbors(id, direction)));
            }
        }
        Command delete = new Command.DeleteNode(1);
        assertThat(restored.apply(++index, delete)).isEqualTo(source.apply(index, delete));
        assertThat(restored.query(new Query.Digest())).isEqualTo(source.query(new Query.Digest()));
        assertThat(restored.query(new Query.Neighbors(80_000, Direction.BOTH))).isEqualTo(new Result.NeighborIds(List.of(79_999L)));
    }

    @Test
    void contentThatPassesItsChecksumsButIsWrongIsRefusedNamingWhatAndChangesNothing() throws IOException {
        GraphStateMachine twoNodes = open(StoreKind.HEAP);
        twoNodes.apply(1, Command.CreateNode.of("A", Map.of()));
        twoNodes.apply(2, Command.CreateNode.of("B", Map.of()));
        GraphStateMachine withEdge = open(StoreKind.HEAP);
        withEdge.apply(1, Command.CreateNode.of("A", Map.of()));
        withEdge.apply(2, Command.CreateNode.of("B", Map.of()));
        withEdge.apply(3, Command.CreateNode.of("C", Map.of("flag", true)));
        withEdge.apply(4, Command.CreateEdge.of(1, 3, "E", Map.of()));
        byte[] good = snapshot(withEdge);
        byte[] nodesOfTwo = blockPayload(snapshot(twoNodes), SnapshotBlocks.HEAP_NODES);
        byte[] nodes = blockPayload(good, SnapshotBlocks.HEAP_NODES);

        GraphStateMachine target = open(StoreKind.HEAP);
        target.apply(1, Command.CreateNode.of("Kept", Map.of("k", 1L)));
        Result before = target.query(new Query.Digest());

        assertRefused(target, rewrite(good, SnapshotBlocks.HEAP_NODES, payload -> nodesOfTwo),
                "edge 1 joins node 3, which is missing");
        assertRefused(target, rewrite(good, SnapshotBlocks.HEAP_NODES, payload -> concat(payload, payload)),
                "node 1 appears twice");
        byte[] badTag = nodes.clone();
        assertThat(badTag[badTag.length - 1]).as("the last byte is node C's TRUE tag").isEqualTo((byte) 4);
        badTag[badTag.length - 1] = 9;
        assertRefused(target, rewrite(good, SnapshotBlocks.HEAP_NODES, payload -> badTag), "unknown value tag 9");
        assertRefused(target, rewrite(good, SnapshotBlocks.HEAP_NODES, payload -> Arrays.copyOf(payload, payload.length - 1)),
                "truncated input");
        assertRefused(target, rewrite(good, SnapshotBlocks.HEAP_EDGES, payload -> concat(payload, nodes)),
                "snapshot content is corrupt");
        assertRefused(target, withNodesAfterEdges(good), "node records after edge records");

        assertThat(target.query(new Query.Digest())).isEqualTo(before);
        target.restoreSnapshot(new ByteArrayInputStream(good));
        assertThat(target.query(new Query.Digest())).isEqualTo(withEdge.query(new Query.Digest()));
    }

    @Test
    void edgeIdArraysStaySortedAndDistinctThroughAddsAndRemoves() {
        long[] ids = null;
        for (long id : new long[] {5, 1, 9, 3, 9, 7, 2, 8, 1}) {
            ids = EdgeIds.add(ids, id);
        }
        assertThat(EdgeIds.toArray(ids)).containsExactly(1, 2, 3, 5, 7, 8, 9);
        for (long id : new long[] {4, 1, 9, 5}) {
            ids = EdgeIds.remove(ids, id);
        }
        assertThat(EdgeIds.toArray(ids)).containsExactly(2, 3, 7, 8);
        ids = EdgeIds.add(ids, 6);
        assertThat(EdgeIds.toArray(ids)).containsExactly(2, 3, 6, 7, 8);
        for (long id : new long[] {2, 3, 6, 7}) {
            ids = EdgeIds.remove(ids, id);
        }
        assertThat(EdgeIds.toArray(ids)).containsExactly(8);
        assertThat(EdgeIds.remove(ids, 8)).isNull();
        assertThat(EdgeIds.toArray(null)).isEmpty();
    }

    private static void assertSameGraph(GraphStateMachine actual, GraphStateMachine expected, long nodes, long edges) {
        assertThat(actual.query(new Query.Digest())).isEqualTo(expected.query(new Query.Digest()));
        for (long id = 1; id <= nodes + 1; id++) {
            assertThat(actual.query(new Query.GetNode(id))).isEqualTo(expected.query(new Query.GetNode(id)));
            for (Direction direction : Direction.values()) {
                assertThat(actual.query(new Query.Neighbors(id, direction))).as("neighbors %s of %d", direction, id)
                        .isEqualTo(expected.query(new Query.Neighbors(id, direction)));
            }
        }
        for (long id = 1; id <= edges + 1; id++) {
            assertThat(actual.query(new Query.GetEdge(id))).isEqualTo(expected.query(new Query.GetEdge(id)));
        }
    }

    private static void assertRefused(GraphStateMachine target, byte[] snapshot, String messagePart) {
        assertThatThrownBy(() -> target.restoreSnapshot(new ByteArrayInputStream(snapshot)))
                .isInstanceOf(SnapshotException.class).hasMessageContaining(messagePart);
    }

    private static byte[] snapshot(GraphStateMachine machine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        machine.writeSnapshot(out);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] blockPayload(byte[] snapshot, int kind) throws IOException {
        List<SnapshotBlocks.Block> blocks = blocks(snapshot);
        SnapshotBlocks.Block block = blocks.stream().filter(b -> b.kind() == kind).findFirst().orElseThrow();
        return Arrays.copyOf(block.bytes(), block.length());
    }

    /** The snapshot with the payload of its (one) block of {@code kind} replaced, checksums recomputed. */
    private static byte[] rewrite(byte[] snapshot, int kind, UnaryOperator<byte[]> payload) throws IOException {
        List<SnapshotBlocks.Block> blocks = new ArrayList<>();
        for (SnapshotBlocks.Block block : blocks(snapshot)) {
            byte[] bytes = Arrays.copyOf(block.bytes(), block.length());
            blocks.add(block.kind() == kind ? withPayload(kind, payload.apply(bytes)) : withPayload(block.kind(), bytes));
        }
        return framed(snapshot, blocks);
    }

    /** The snapshot with its node block moved after its edge block. */
    private static byte[] withNodesAfterEdges(byte[] snapshot) throws IOException {
        List<SnapshotBlocks.Block> blocks = new ArrayList<>(blocks(snapshot));
        int nodes = indexOf(blocks, SnapshotBlocks.HEAP_NODES);
        SnapshotBlocks.Block moved = blocks.remove(nodes);
        blocks.add(indexOf(blocks, SnapshotBlocks.HEAP_EDGES) + 1, moved);
        return framed(snapshot, blocks);
    }

    private static int indexOf(List<SnapshotBlocks.Block> blocks, int kind) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).kind() == kind) {
                return i;
            }
        }
        throw new AssertionError("no block of kind " + kind);
    }

    private static SnapshotBlocks.Block withPayload(int kind, byte[] payload) {
        return new SnapshotBlocks.Block(kind, payload, payload.length);
    }

    private static List<SnapshotBlocks.Block> blocks(byte[] snapshot) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot));
        in.readLong(); // magic and version
        SnapshotBlocks.Reader reader = new SnapshotBlocks.Reader(in);
        List<SnapshotBlocks.Block> blocks = new ArrayList<>();
        SnapshotBlocks.Block block;
        do {
            block = reader.next();
            blocks.add(block);
        } while (block.kind() != SnapshotBlocks.END);
        return blocks;
    }

    /** The original magic and version, then {@code blocks} framed with fresh checksums. */
    private static byte[] framed(byte[] original, List<SnapshotBlocks.Block> blocks) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(original, 0, 8);
        SnapshotBlocks.Writer writer = new SnapshotBlocks.Writer(out);
        for (SnapshotBlocks.Block block : blocks) {
            writer.write(block.kind(), block.bytes(), 0, block.length());
        }
        out.flush();
        return bytes.toByteArray();
    }
}

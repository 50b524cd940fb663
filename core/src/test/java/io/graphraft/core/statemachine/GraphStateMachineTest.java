package io.graphraft.core.statemachine;

import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.model.Direction;
import io.graphraft.core.model.Node;
import io.graphraft.core.store.StoreKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same behaviour for both store backends. */
class GraphStateMachineTest {
    @TempDir
    Path temp;

    private final List<GraphStateMachine> opened = new ArrayList<>();
    private long index;

    @AfterEach
    void closeAll() {
        opened.forEach(GraphStateMachine::close);
    }

    private GraphStateMachine open(StoreKind kind) {
        GraphStateMachine machine = GraphStateMachine.open(kind, temp.resolve("store-" + opened.size()), CodecKind.BINARY.codec());
        opened.add(machine);
        return machine;
    }

    private Result apply(GraphStateMachine machine, Command command) {
        return machine.apply(++index, command);
    }

    private static long id(Result result) {
        assertThat(result).isInstanceOf(Result.Applied.class);
        return ((Result.Applied) result).id();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void everyCommandAndQuery(StoreKind kind) {
        GraphStateMachine sm = open(kind);
        long alice = id(apply(sm, Command.CreateNode.of("Person", Map.of("name", "Alice", "age", 30L))));
        long bob = id(apply(sm, Command.CreateNode.of("Person", Map.of("name", "Bob"))));
        long carol = id(apply(sm, Command.CreateNode.of("Person", Map.of())));
        assertThat(List.of(alice, bob, carol)).containsExactly(1L, 2L, 3L);

        long knows = id(apply(sm, Command.CreateEdge.of(alice, bob, "KNOWS", Map.of("since", 2020L))));
        long likes = id(apply(sm, Command.CreateEdge.of(carol, alice, "LIKES", Map.of())));
        long self = id(apply(sm, Command.CreateEdge.of(bob, bob, "SELF", Map.of())));

        assertThat(sm.query(new Query.GetNode(alice))).isEqualTo(new Result.NodeFound(
                Node.of(alice, "Person", Map.of("name", "Alice", "age", 30L))));
        assertThat(((Result.EdgeFound) sm.query(new Query.GetEdge(knows))).edge().to()).isEqualTo(bob);
        assertThat(sm.query(new Query.Neighbors(alice, Direction.OUT))).isEqualTo(new Result.NeighborIds(List.of(bob)));
        assertThat(sm.query(new Query.Neighbors(alice, Direction.IN))).isEqualTo(new Result.NeighborIds(List.of(carol)));
        assertThat(sm.query(new Query.Neighbors(alice, Direction.BOTH))).isEqualTo(new Result.NeighborIds(List.of(bob, carol)));
        assertThat(sm.query(new Query.Neighbors(bob, Direction.BOTH))).isEqualTo(new Result.NeighborIds(List.of(alice, bob)));
        assertThat(sm.query(new Query.Count())).isEqualTo(new Result.Counts(3, 3));

        assertThat(id(apply(sm, Command.UpdateNode.of(alice, Map.of("age", 31L, "city", "Oslo"))))).isEqualTo(alice);
        assertThat(((Result.NodeFound) sm.query(new Query.GetNode(alice))).node().properties())
                .containsEntry("age", 31L).containsEntry("city", "Oslo").containsEntry("name", "Alice");

        assertThat(id(apply(sm, new Command.DeleteEdge(likes)))).isEqualTo(likes);
        assertThat(sm.query(new Query.Neighbors(alice, Direction.IN))).isEqualTo(new Result.NeighborIds(List.of()));

        // Deleting bob removes his edges: KNOWS (in) and SELF (both ends) — each once.
        assertThat(id(apply(sm, new Command.DeleteNode(bob)))).isEqualTo(bob);
        assertThat(sm.query(new Query.GetEdge(knows)).isError()).isTrue();
        assertThat(sm.query(new Query.GetEdge(self)).isError()).isTrue();
        assertThat(sm.query(new Query.Count())).isEqualTo(new Result.Counts(2, 0));
        assertThat(sm.query(new Query.Neighbors(alice, Direction.BOTH))).isEqualTo(new Result.NeighborIds(List.of()));
        assertThat(sm.lastAppliedIndex()).isEqualTo(index);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void nodesByLabelPagesThroughTheIdsOfThatLabelAscendingAndSurvivesASnapshot(StoreKind kind) throws IOException {
        GraphStateMachine sm = open(kind);
        assertThat(sm.query(Query.NodesByLabel.first("Element", 10))).isEqualTo(new Result.NodeIds(List.of()));
        List<Long> elements = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // more than 9 ids: ascending by number, not by text
            long id = id(apply(sm, Command.CreateNode.of(i % 3 == 0 ? "Other" : "Element", Map.of("i", (long) i))));
            if (i % 3 != 0) {
                elements.add(id);
            }
        }
        long deleted = elements.remove(2);
        id(apply(sm, new Command.DeleteNode(deleted)));
        id(apply(sm, Command.UpdateNode.of(elements.get(0), Map.of("label", "Other")))); // a property, not the label

        assertThat(sm.query(Query.NodesByLabel.first("Element", 100))).isEqualTo(new Result.NodeIds(elements));
        assertThat(pages(sm, "Element", 3)).as("pages of 3, each after the last id of the one before")
                .containsExactly(elements.subList(0, 3), elements.subList(3, 6), elements.subList(6, 7));
        assertThat(sm.query(Query.NodesByLabel.first("element", 100))).as("labels match exactly")
                .isEqualTo(new Result.NodeIds(List.of()));
        assertThat(((Result.NodeIds) sm.query(Query.NodesByLabel.first("Other", 100))).ids()).hasSize(4);

        GraphStateMachine restored = open(kind);
        restored.restoreSnapshot(new ByteArrayInputStream(snapshot(sm)));
        assertThat(restored.query(Query.NodesByLabel.first("Element", 100))).isEqualTo(new Result.NodeIds(elements));
    }

    private static List<List<Long>> pages(GraphStateMachine sm, String label, int limit) {
        List<List<Long>> pages = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Long> page = ((Result.NodeIds) sm.query(new Query.NodesByLabel(label, after, limit))).ids();
            if (page.isEmpty()) {
                return pages;
            }
            pages.add(page);
            after = page.get(page.size() - 1);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void batchAppliesEachCommandInOrderWithOwnResults(StoreKind kind) {
        GraphStateMachine sm = open(kind);
        Result result = apply(sm, new Command.Batch(List.of(
                Command.CreateNode.of("A", Map.of()),
                Command.CreateNode.of("B", Map.of()),
                Command.CreateEdge.of(1, 2, "R", Map.of()),
                Command.CreateEdge.of(1, 99, "R", Map.of()),
                new Command.DeleteNode(2))));
        assertThat(result).isInstanceOf(Result.BatchApplied.class);
        List<Result> results = ((Result.BatchApplied) result).results();
        assertThat(results).hasSize(5);
        assertThat(results.get(0)).isEqualTo(new Result.Applied(1));
        assertThat(results.get(2)).isEqualTo(new Result.Applied(1));
        assertThat(results.get(3)).isInstanceOf(Result.Error.class);
        assertThat(sm.query(new Query.Count())).isEqualTo(new Result.Counts(1, 0));
        assertThat(sm.lastAppliedIndex()).isEqualTo(index);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void commandsThatCannotApplyReturnErrorsAndChangeNothing(StoreKind kind) {
        GraphStateMachine sm = open(kind);
        long a = id(apply(sm, Command.CreateNode.of("A", Map.of("k", "v"))));
        Result before = sm.query(new Query.Digest());

        assertThat(apply(sm, Command.UpdateNode.of(42, Map.of("x", 1L)))).isEqualTo(
                new Result.Error(ErrorCode.NOT_FOUND, "node 42 does not exist"));
        assertThat(((Result.Error) apply(sm, Command.CreateEdge.of(a, 42, "R", Map.of()))).message())
                .contains("target node 42");
        assertThat(((Result.Error) apply(sm, Command.CreateEdge.of(42, a, "R", Map.of()))).message())
                .contains("source node 42");
        assertThat(apply(sm, new Command.DeleteNode(42)).isError()).isTrue();
        assertThat(apply(sm, new Command.DeleteEdge(42)).isError()).isTrue();
        assertThat(errorCode(sm.codec().decodeResult(sm.apply(++index, new byte[] {1, 99, 3}))))
                .isEqualTo(ErrorCode.MALFORMED);
        assertThat(errorCode(sm.codec().decodeResult(sm.query(new byte[] {7})))).isEqualTo(ErrorCode.MALFORMED);

        assertThat(sm.query(new Query.Digest())).isEqualTo(before);
        assertThat(sm.lastAppliedIndex()).as("the log moved on").isEqualTo(index);
        // The next successful create still gets the next id: failed creates did not consume one.
        assertThat(id(apply(sm, Command.CreateEdge.of(a, a, "R", Map.of())))).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void entriesMustBeAppliedOnceInOrder(StoreKind kind) {
        GraphStateMachine sm = open(kind);
        sm.apply(5, Command.CreateNode.of("A", Map.of()));
        assertThatThrownBy(() -> sm.apply(5, Command.CreateNode.of("A", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 5");
        assertThat(sm.query(new Query.Count())).isEqualTo(new Result.Counts(1, 0));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void snapshotThenRestoreGivesTheSameState(StoreKind kind) throws IOException {
        GraphStateMachine source = open(kind);
        feed(source, 300);
        byte[] snapshot = snapshot(source);

        GraphStateMachine target = open(kind);
        apply(target, Command.CreateNode.of("will be replaced", Map.of()));
        target.restoreSnapshot(new ByteArrayInputStream(snapshot));

        assertThat(target.query(new Query.Digest())).isEqualTo(source.query(new Query.Digest()));
        assertThat(target.lastAppliedIndex()).isEqualTo(source.lastAppliedIndex());
        assertThat(target.query(new Query.GetNode(7))).isEqualTo(source.query(new Query.GetNode(7)));
        // Counters come back too: the next ids continue where the source left off.
        Command next = Command.CreateNode.of("next", Map.of());
        assertThat(target.apply(source.lastAppliedIndex() + 1, next))
                .isEqualTo(source.apply(source.lastAppliedIndex() + 1, next));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void snapshotFileIsWrittenAtomicallyAndRestored(StoreKind kind) throws IOException {
        GraphStateMachine source = open(kind);
        feed(source, 50);
        Path file = temp.resolve("snapshot.bin");
        source.writeSnapshot(file);
        GraphStateMachine target = open(kind);
        target.restoreSnapshot(file);
        assertThat(target.query(new Query.Digest())).isEqualTo(source.query(new Query.Digest()));
        assertThatThrownBy(() -> target.restoreSnapshot(temp.resolve("missing.bin")))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("missing.bin");
    }

    /** Same log, same state: heap snapshots are byte-identical; RocksDB checkpoints embed file ids, so digests. */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void twoMachinesFedTheSameLogReachTheSameState(StoreKind kind) throws IOException {
        GraphStateMachine first = open(kind);
        GraphStateMachine second = open(kind);
        List<byte[]> log = new ArrayList<>();
        GraphStateMachine scratch = open(StoreKind.HEAP);
        for (Command command : workload(400)) {
            log.add(scratch.codec().encodeCommand(command));
        }
        log.add(new byte[] {1, (byte) 200});
        for (int i = 0; i < log.size(); i++) {
            first.apply(i + 1, log.get(i));
            second.apply(i + 1, log.get(i));
        }
        assertThat(second.query(new Query.Digest())).isEqualTo(first.query(new Query.Digest()));
        if (kind == StoreKind.HEAP) {
            assertThat(snapshot(second)).isEqualTo(snapshot(first));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void corruptTruncatedOrForeignSnapshotsFailClearlyAndChangeNothing(StoreKind kind) throws IOException {
        GraphStateMachine source = open(kind);
        feed(source, 100);
        byte[] good = snapshot(source);

        GraphStateMachine target = open(kind);
        feed(target, 20);
        Result before = target.query(new Query.Digest());
        long indexBefore = target.lastAppliedIndex();

        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x40;
        assertRejected(target, flipped, "");
        assertRejected(target, Arrays.copyOf(good, good.length - 3), "truncated");
        assertRejected(target, Arrays.copyOf(good, good.length / 2), "");
        assertRejected(target, new byte[0], "truncated");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertRejected(target, longer, "after its checksum");
        byte[] version = good.clone();
        version[7] = 9;
        assertRejected(target, version, "unsupported snapshot version 9");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertRejected(target, magic, "not a GraphRaft snapshot");

        StoreKind other = kind == StoreKind.HEAP ? StoreKind.ROCKSDB : StoreKind.HEAP;
        GraphStateMachine foreign = open(other);
        feed(foreign, 5);
        assertRejected(target, snapshot(foreign), "'" + other.label() + "' store");

        assertThat(target.query(new Query.Digest())).isEqualTo(before);
        assertThat(target.lastAppliedIndex()).isEqualTo(indexBefore);
        target.restoreSnapshot(new ByteArrayInputStream(good));
        assertThat(target.query(new Query.Digest())).isEqualTo(source.query(new Query.Digest()));
    }

    private static ErrorCode errorCode(Result result) {
        assertThat(result).isInstanceOf(Result.Error.class);
        return ((Result.Error) result).code();
    }

    private static void assertRejected(GraphStateMachine target, byte[] snapshot, String messagePart) {
        assertThatThrownBy(() -> target.restoreSnapshot(new ByteArrayInputStream(snapshot)))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining(messagePart);
    }

    private void feed(GraphStateMachine machine, int commands) {
        for (Command command : workload(commands)) {
            apply(machine, command);
        }
    }

    /** A deterministic mix of every command type. */
    static List<Command> workload(int size) {
        List<Command> commands = new ArrayList<>();
        java.util.Random random = new java.util.Random(size);
        int nodes = 0;
        for (int i = 0; i < size; i++) {
            int pick = nodes < 2 ? 0 : random.nextInt(10);
            if (pick < 4) {
                commands.add(Command.CreateNode.of("L" + (i % 3), Map.of("i", (long) i, "s", "v" + i)));
                nodes++;
            } else if (pick < 7) {
                commands.add(Command.CreateEdge.of(1 + random.nextInt(nodes), 1 + random.nextInt(nodes), "E",
                        Map.of("w", random.nextDouble())));
            } else if (pick == 7) {
                commands.add(Command.UpdateNode.of(1 + random.nextInt(nodes), Map.of("flag", random.nextBoolean())));
            } else if (pick == 8) {
                commands.add(new Command.DeleteEdge(1 + random.nextInt(nodes)));
            } else {
                commands.add(new Command.DeleteNode(1 + random.nextInt(nodes)));
            }
        }
        return commands;
    }

    private static byte[] snapshot(GraphStateMachine machine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        machine.writeSnapshot(out);
        return out.toByteArray();
    }
}

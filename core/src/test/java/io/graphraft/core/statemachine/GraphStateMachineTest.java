package io.graphraft.core.statemachine;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.model.Direction;
import io.graphraft.core.model.Node;
import io.graphraft.core.store.StoreKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
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

    @RegisterExtension
    final OpenedStateMachines machines = new OpenedStateMachines();
    private long index;
    private int copies;

    private GraphStateMachine open(StoreKind kind) {
        return machines.open(kind, temp);
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
        assertRejected(target, longer, "after its end");
        byte[] version = good.clone();
        version[7] = 9;
        assertRejected(target, version, "unsupported snapshot version 9");
        version[7] = 1; // the format before checksummed blocks
        assertRejected(target, version, "unsupported snapshot version 1 (this build reads versions 2 and 3)");
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

    /** A snapshot restore would refuse is refused when written: the last good snapshot stays, and nothing is half-written. */
    @Test
    void aHeapRecordLargerThanRestoreAcceptsIsRefusedWhenTheSnapshotIsWritten() throws IOException {
        GraphStateMachine source = open(StoreKind.HEAP);
        feed(source, 20);
        Path file = temp.resolve("snapshot.bin");
        source.writeSnapshot(file);
        byte[] good = Files.readAllBytes(file);
        long big = id(apply(source, Command.CreateNode.of("Big", Map.of("blob", "x".repeat(65 << 20)))));

        assertThatThrownBy(() -> source.writeSnapshot(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("node " + big).hasMessageContaining("at most");
        assertThat(file).hasBinaryContent(good);
        assertThat(temp.resolve("snapshot.bin.tmp")).doesNotExist();
    }

    /** Large enough for several parallel segments and blocks of each kind (and RocksDB files over one block). */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aLargeGraphRoundTripsThroughStreamFileAndDirectorySnapshots(StoreKind kind) throws IOException {
        GraphStateMachine source = open(kind);
        feedLargeGraph(source, 80_000);
        Result digest = source.query(new Query.Digest());
        Path file = temp.resolve("large.bin");
        source.writeSnapshot(file);
        Path directory = temp.resolve("large");
        source.writeSnapshotDirectory(directory);

        GraphStateMachine fromStream = open(kind);
        fromStream.restoreSnapshot(new ByteArrayInputStream(snapshot(source)));
        GraphStateMachine fromFile = open(kind);
        fromFile.restoreSnapshot(file);
        GraphStateMachine fromDirectory = open(kind);
        fromDirectory.restoreSnapshotDirectory(directory);
        for (GraphStateMachine restored : List.of(fromStream, fromFile, fromDirectory)) {
            assertThat(restored.query(new Query.Digest())).isEqualTo(digest);
            assertThat(restored.lastAppliedIndex()).isEqualTo(source.lastAppliedIndex());
            assertThat(restored.query(new Query.Neighbors(79_999, Direction.BOTH)))
                    .isEqualTo(source.query(new Query.Neighbors(79_999, Direction.BOTH)));
        }
        Command next = Command.CreateEdge.of(3, 4, "next", Map.of());
        assertThat(fromDirectory.apply(source.lastAppliedIndex() + 1, next)).isEqualTo(source.apply(source.lastAppliedIndex() + 1, next));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void damagedSnapshotDirectoriesFailClearlyAndChangeNothing(StoreKind kind) throws IOException {
        GraphStateMachine source = open(kind);
        feedLargeGraph(source, 20_000);
        Path good = temp.resolve("good");
        source.writeSnapshotDirectory(good);
        assertThatThrownBy(() -> source.writeSnapshotDirectory(good)).hasMessageContaining("already exists");

        GraphStateMachine target = open(kind);
        feed(target, 20);
        Result before = target.query(new Query.Digest());

        assertDirectoryRejected(target, good, "snapshot.bin", bytes -> bytes[bytes.length / 2] ^= 0x40, "checksum");
        assertDirectoryRejected(target, good, "snapshot.bin", bytes -> bytes[bytes.length - 1] ^= 0x01, "checksum");
        assertTruncatedRejected(target, good, "snapshot.bin", "truncated");
        if (kind == StoreKind.ROCKSDB) {
            String sst = largestFile(good.resolve("files"), ".sst");
            assertDirectoryRejected(target, good, "files/" + sst, bytes -> bytes[bytes.length / 3] ^= 0x40, "corrupt");
            assertTruncatedRejected(target, good, "files/" + sst, "truncated or replaced");
            Path missing = copyOf(good);
            Files.delete(missing.resolve("files").resolve(sst));
            assertThatThrownBy(() -> target.restoreSnapshotDirectory(missing)).isInstanceOf(SnapshotException.class)
                    .hasMessageContaining(sst).hasMessageContaining("missing");
        }
        assertThatThrownBy(() -> target.restoreSnapshotDirectory(temp.resolve("nowhere")))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("does not exist");

        assertThat(target.query(new Query.Digest())).isEqualTo(before);
        target.restoreSnapshotDirectory(good);
        assertThat(target.query(new Query.Digest())).isEqualTo(source.query(new Query.Digest()));
    }

    private void assertDirectoryRejected(GraphStateMachine target, Path good, String file,
                                         java.util.function.Consumer<byte[]> damage, String messagePart) throws IOException {
        Path copy = copyOf(good);
        byte[] bytes = Files.readAllBytes(copy.resolve(file));
        damage.accept(bytes);
        Files.write(copy.resolve(file), bytes);
        assertThatThrownBy(() -> target.restoreSnapshotDirectory(copy)).as("damaged %s", file)
                .isInstanceOf(SnapshotException.class).hasMessageContaining(messagePart);
    }

    private void assertTruncatedRejected(GraphStateMachine target, Path good, String file, String messagePart)
            throws IOException {
        Path copy = copyOf(good);
        byte[] bytes = Files.readAllBytes(copy.resolve(file));
        Files.write(copy.resolve(file), Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> target.restoreSnapshotDirectory(copy)).as("truncated %s", file)
                .isInstanceOf(SnapshotException.class).hasMessageContaining(messagePart);
    }

    /** A copy with its own bytes: a snapshot directory's RocksDB files are hard links to the source's. */
    private Path copyOf(Path directory) throws IOException {
        Path copy = temp.resolve("copy-" + copies++);
        try (java.util.stream.Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.toList()) {
                Path target = copy.resolve(directory.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return copy;
    }

    private static String largestFile(Path directory, String suffix) throws IOException {
        try (java.util.stream.Stream<Path> listing = Files.list(directory)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .max(java.util.Comparator.comparingLong(p -> p.toFile().length()))
                    .orElseThrow().getFileName().toString();
        }
    }

    /** Nodes with two edges each (as the recovery benchmark loads), a few deleted, in batches. */
    private void feedLargeGraph(GraphStateMachine machine, int nodes) {
        List<Command> batch = new ArrayList<>();
        for (long i = 1; i <= nodes; i++) {
            batch.add(Command.CreateNode.of("Person", Map.of("name", "p" + i, "rank", i)));
            if (batch.size() == 1000) {
                apply(machine, new Command.Batch(batch));
                batch = new ArrayList<>();
            }
        }
        for (long from = 1; from <= nodes; from++) {
            batch.add(Command.CreateEdge.of(from, 1 + (from * 7919) % nodes, "KNOWS", Map.of("w", 1.5)));
            batch.add(Command.CreateEdge.of(from, 1 + (from * 13) % nodes, "KNOWS", Map.of()));
            if (batch.size() >= 1000) {
                apply(machine, new Command.Batch(batch));
                batch = new ArrayList<>();
            }
        }
        batch.add(new Command.DeleteNode(nodes / 2));
        batch.add(new Command.DeleteEdge(7));
        apply(machine, new Command.Batch(batch));
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

package io.graphraft.core.statemachine;

import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.store.StoreKind;
import io.graphraft.core.util.Directories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Not a test: times snapshot write and restore of the state machine alone, on the graph the
 * recovery benchmark loads (n nodes, two edges each), for one store. Run from the core module:
 * {@code java -cp target/classes:target/test-classes:<deps> io.graphraft.core.statemachine.SnapshotTimings heap 1000000 3}.
 */
public final class SnapshotTimings {
    private SnapshotTimings() {
    }

    public static void main(String[] args) throws IOException {
        StoreKind kind = StoreKind.parse(args.length > 0 ? args[0] : "heap");
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int shots = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path work = Files.createTempDirectory("snapshot-timings");
        try {
            GraphStateMachine source = GraphStateMachine.open(kind, work.resolve("source"), CodecKind.BINARY.codec());
            long loadStart = System.nanoTime();
            long index = load(source, nodes);
            System.out.printf("%s: loaded %d nodes, %d edges in %d ms (index %d)%n", kind.label(), nodes, 2L * nodes,
                    (System.nanoTime() - loadStart) / 1_000_000, index);
            for (int shot = 0; shot < shots; shot++) {
                Path file = work.resolve("snapshot-" + shot + ".bin");
                long t0 = System.nanoTime();
                source.writeSnapshot(file);
                long t1 = System.nanoTime();
                Path directory = work.resolve("snapshot-" + shot);
                source.writeSnapshotDirectory(directory);
                long t2 = System.nanoTime();
                GraphStateMachine target = GraphStateMachine.open(kind, work.resolve("target-" + shot), CodecKind.BINARY.codec());
                target.restoreSnapshot(file);
                long t3 = System.nanoTime();
                GraphStateMachine fromDirectory = GraphStateMachine.open(kind, work.resolve("target-dir-" + shot),
                        CodecKind.BINARY.codec());
                fromDirectory.restoreSnapshotDirectory(directory);
                long t4 = System.nanoTime();
                if (!target.query(new Query.Count()).equals(source.query(new Query.Count()))
                        || !fromDirectory.query(new Query.Count()).equals(source.query(new Query.Count()))) {
                    throw new IllegalStateException("restored counts differ");
                }
                System.out.printf("shot %d: write file %d ms (%d MB), write directory %d ms (%d MB), restore file %d ms"
                                + " (%.2f M nodes/s), restore directory %d ms%n", shot, ms(t1 - t0), Files.size(file) >> 20,
                        ms(t2 - t1), Directories.sizeOf(directory) >> 20, ms(t3 - t2), nodes / ((t3 - t2) / 1e9) / 1e6,
                        ms(t4 - t3));
                target.close();
                fromDirectory.close();
                Files.delete(file);
                Directories.deleteRecursively(directory);
            }
            source.close();
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** The graph of the recovery benchmark's loader: nodes with a name and a rank, two weighted edges each. */
    private static long load(GraphStateMachine machine, int nodes) {
        long index = 0;
        List<Command> batch = new ArrayList<>();
        for (long i = 1; i <= nodes; i++) {
            batch.add(Command.CreateNode.of("Person", Map.of("name", "p" + i, "rank", i)));
            if (batch.size() == 1000) {
                machine.apply(++index, new Command.Batch(batch));
                batch = new ArrayList<>();
            }
        }
        for (long from = 1; from <= nodes; from++) {
            for (int k = 1; k <= 2; k++) {
                long to = 1 + Math.floorMod(from * 7919L * k + 13L * k, (long) nodes);
                batch.add(Command.CreateEdge.of(from, to, "KNOWS", Map.of("w", (double) k)));
                if (batch.size() == 1000) {
                    machine.apply(++index, new Command.Batch(batch));
                    batch = new ArrayList<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            machine.apply(++index, new Command.Batch(batch));
        }
        return index;
    }
}

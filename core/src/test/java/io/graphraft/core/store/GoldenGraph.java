package io.graphraft.core.store;

import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.command.Command;
import io.graphraft.core.statemachine.GraphStateMachine;

import java.nio.file.Path;
import java.util.Map;

/**
 * The small graph whose heap snapshot, as the build before records were stored encoded wrote it, is
 * kept in {@code src/test/resources/snapshots/heap-v3-golden.bin}: every property type, non-ASCII
 * text, updates, deletes, self-loops, nodes of high degree and a client session. Only public API
 * (that build's too), so the file can be written again by an older build.
 */
final class GoldenGraph {
    static final String RESOURCE = "/snapshots/heap-v3-golden.bin";

    private GoldenGraph() {
    }

    /** Applies the graph's log to {@code machine} (empty) and returns the last index applied. */
    static long build(GraphStateMachine machine) {
        long index = 0;
        long session = ++index;
        machine.apply(session, new Command.OpenSession());
        for (int i = 0; i < 300; i++) {
            machine.apply(++index, Command.CreateNode.of("L" + (i % 4), Map.of("i", (long) i - 100, "s", "wert-" + i + "-ø€😀",
                    "d", i * 0.25, "b", i % 2 == 0)));
        }
        for (int i = 0; i < 600; i++) {
            long from = 1 + (i * 37L) % 300;
            long to = i % 50 == 0 ? from : 1 + (i * 11L) % 7; // self-loops; a few nodes with many in-edges
            machine.apply(++index, Command.CreateEdge.of(from, to, i % 3 == 0 ? "KNOWS" : "LIKES",
                    i % 5 == 0 ? Map.of() : Map.of("w", (double) i, "n", "e" + i)));
        }
        for (long id = 3; id <= 300; id += 29) {
            machine.apply(++index, Command.UpdateNode.of(id, Map.of("updated", true, "s", "neu")));
        }
        for (long id = 2; id <= 600; id += 41) {
            machine.apply(++index, new Command.DeleteEdge(id));
        }
        machine.apply(++index, new Command.DeleteNode(5)); // and its edges, one of them a high-degree node's
        machine.apply(++index, new Command.DeleteNode(300));
        machine.apply(++index, new Command.InSession(session, 1, Command.CreateNode.of("InSession", Map.of("k", "v"))));
        return index;
    }

    /** Writes the golden snapshot with whatever build is on the class path: {@code GoldenGraph <file>}. */
    public static void main(String[] args) throws Exception {
        try (GraphStateMachine machine = GraphStateMachine.open(StoreKind.HEAP, null, CodecKind.BINARY.codec())) {
            build(machine);
            machine.writeSnapshot(Path.of(args[0]));
        }
    }
}

package io.graphraft.checker;

import io.graphraft.checker.history.History;
import io.graphraft.checker.history.HistoryEvent;
import io.graphraft.checker.history.HistoryReader;
import io.graphraft.checker.history.HistoryWriter;
import io.graphraft.checker.linearizability.KeyResult;
import io.graphraft.checker.linearizability.LinearizabilityChecker;
import io.graphraft.checker.linearizability.LinearizabilityResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Times reading and checking a generated history (not a test: run by hand, on a quiet machine).
 * Arguments: operations [clients] [keys] [seed] [valueDomain, 0 = fresh values].
 */
public final class CheckerTiming {
    private CheckerTiming() {
    }

    public static void main(String[] args) throws Exception {
        int operations = Integer.parseInt(args[0]);
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int keys = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        int valueDomain = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        List<HistoryEvent> events = new RegisterSimulation(seed, clients, keys, valueDomain).generate(operations);
        Path dir = Files.createTempDirectory("checker-timing");
        Path file = dir.resolve("history.jsonl");
        try {
            try (HistoryWriter writer = HistoryWriter.create(file)) {
                events.forEach(writer::append);
            }
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                History history = HistoryReader.read(file);
                long read = System.nanoTime();
                LinearizabilityResult result = new LinearizabilityChecker().check(history);
                long checked = System.nanoTime();
                long states = result.keys().stream().mapToLong(KeyResult::statesExplored).sum();
                System.out.printf("round %d: %d ops, %d clients, %d keys, %d events (%d bytes): read %.1f ms,"
                                + " check %.1f ms, verdict %s, states %d%n", round, history.operations().size(),
                        clients, keys, history.events().size(), Files.size(file), (read - start) / 1e6,
                        (checked - read) / 1e6, result.verdict(), states);
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}

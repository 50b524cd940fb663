package io.graphraft.core.client;

import io.graphraft.core.command.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, reproducible sequence of every kind of write, about a quarter of which fail in the state
 * machine (they name nodes or edges that do not exist, or no longer do), with a caller's own batch now
 * and then. Ids are guessed from how many creates came before, as a client would.
 */
final class MixedCommands {
    private MixedCommands() {
    }

    static List<Command> of(long seed, int count) {
        Random random = new Random(seed);
        List<Command> commands = new ArrayList<>(count);
        long[] created = new long[2]; // nodes, edges created so far (some of them may fail: ids are guesses)
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            if (kind < 5) {
                List<Command> inner = new ArrayList<>();
                for (int j = 0, n = 1 + random.nextInt(4); j < n; j++) {
                    inner.add(single(random, created, i * 10L + j));
                }
                commands.add(new Command.Batch(inner));
            } else {
                commands.add(single(random, created, i));
            }
        }
        return commands;
    }

    private static Command single(Random random, long[] created, long tag) {
        int kind = random.nextInt(100);
        long nodes = created[0];
        long edges = created[1];
        if (kind < 40 || nodes == 0) {
            created[0]++;
            return Command.CreateNode.of("N" + random.nextInt(3), Map.of("tag", tag, "w", random.nextDouble()));
        } else if (kind < 60) {
            created[1]++;
            return Command.CreateEdge.of(1 + random.nextInt((int) nodes + 2), 1 + random.nextInt((int) nodes + 2),
                    "E", Map.of("tag", tag));
        } else if (kind < 80) {
            return Command.UpdateNode.of(1 + random.nextInt((int) nodes + 3), Map.of("u", tag, "ok", random.nextBoolean()));
        } else if (kind < 90) {
            return new Command.DeleteNode(1 + random.nextInt((int) nodes + 2));
        } else {
            return new Command.DeleteEdge(1 + random.nextInt((int) edges + 2));
        }
    }
}

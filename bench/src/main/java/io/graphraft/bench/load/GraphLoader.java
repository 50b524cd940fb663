package io.graphraft.bench.load;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.GraphClient;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Builds a test graph through the cluster (unmeasured setup): {@code nodes} nodes with ids 1..n,
 * then {@code edgesPerNode} edges from every node to deterministic pseudo-random others (or the edges
 * of another generator, such as {@link PowerLawGraph}), in batches
 * of {@value #BATCH} commands with a few batches in flight.
 */
public final class GraphLoader {
    public static final int BATCH = 1000;
    private static final int IN_FLIGHT = 4;

    private GraphLoader() {
    }

    public static void load(GraphClient client, int nodes, int edgesPerNode) {
        Iterator<Command> edges = LongStream.rangeClosed(1, nodes).boxed()
                .flatMap(from -> IntStream.rangeClosed(1, edgesPerNode).mapToObj(k -> (Command) Command.CreateEdge.of(from,
                        1 + Math.floorMod(from * 7919L * k + 13L * k, (long) nodes), "KNOWS", Map.of("w", (double) k))))
                .iterator();
        load(client, nodes, edges);
    }

    /** Creates nodes with ids 1..{@code nodes} on an empty cluster, then sends {@code edges} (between those ids). */
    public static void load(GraphClient client, int nodes, Iterator<Command> edges) {
        List<Command> pending = new ArrayList<>(BATCH);
        Pipeline pipeline = new Pipeline(client);
        for (long i = 1; i <= nodes; i++) {
            pending.add(Command.CreateNode.of("Person", Map.of("name", "p" + i, "rank", i)));
            if (pending.size() == BATCH) {
                pipeline.submit(pending);
                pending = new ArrayList<>(BATCH);
            }
        }
        pipeline.submit(pending);
        pipeline.drain(); // edges need both ends
        pending = new ArrayList<>(BATCH);
        while (edges.hasNext()) {
            pending.add(edges.next());
            if (pending.size() == BATCH) {
                pipeline.submit(pending);
                pending = new ArrayList<>(BATCH);
            }
        }
        pipeline.submit(pending);
        pipeline.drain();
    }

    /** Keeps up to {@value #IN_FLIGHT} batches in flight and fails loudly if any command did not apply. */
    private static final class Pipeline {
        private final GraphClient client;
        private final Semaphore slots = new Semaphore(IN_FLIGHT);
        private final List<CompletableFuture<Result>> inFlight = new ArrayList<>();

        Pipeline(GraphClient client) {
            this.client = client;
        }

        void submit(List<Command> commands) {
            if (commands.isEmpty()) {
                return;
            }
            slots.acquireUninterruptibly();
            CompletableFuture<Result> sent = client.submit(new Command.Batch(commands));
            sent.whenComplete((r, e) -> slots.release());
            inFlight.add(sent);
            inFlight.removeIf(f -> f.isDone() && check(f.join()));
        }

        void drain() {
            inFlight.forEach(f -> check(f.join()));
            inFlight.clear();
        }

        private static boolean check(Result result) {
            if (!(result instanceof Result.BatchApplied batch) || batch.results().stream().anyMatch(Result::isError)) {
                throw new IllegalStateException("loading the graph failed: " + result);
            }
            return true;
        }
    }
}
